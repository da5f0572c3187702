import { useState } from 'preact/hooks';
import { api, ApiError, errorText, session } from './api.js';
import type { Login, Me } from './types.js';
import { ErrorLine } from './error-line.js';

export function LoginPage({ notice = null, onSignedIn }: { notice?: string | null; onSignedIn: (me: Me) => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [refused, setRefused] = useState(false);
  // Wrong credentials mark both fields (which one is wrong is not said), tied to the message.
  const invalid = refused ? { 'aria-invalid': true, 'aria-describedby': 'login-error' } : {};

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setRefused(false);
    try {
      const result = await api<Login>('POST', '/api/auth/login', { email, password });
      session.token = result.accessToken;
      onSignedIn(result.agent);
    } catch (failure) {
      const wrong = failure instanceof ApiError && failure.status === 401;
      setRefused(wrong);
      setError(wrong ? 'Correo o contraseña incorrectos.' : errorText(failure, 'No se pudo iniciar sesión; revisa la conexión.'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main class="login" id="main-content">
      <form onSubmit={(event) => void submit(event)} aria-labelledby="login-title">
        <h1 id="login-title">Ventanilla · Soporte Interfactura</h1>
        {notice && (
          <p class="notice" role="status">
            {notice}
          </p>
        )}
        <label>
          Correo
          <input type="email" name="email" autoComplete="username" required {...invalid} value={email} onInput={(e) => setEmail(e.currentTarget.value)} />
        </label>
        <label>
          Contraseña
          <input type="password" name="password" autoComplete="current-password" required {...invalid} value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
        </label>
        <ErrorLine message={error} id="login-error" />
        <button type="submit" disabled={busy}>
          Entrar
        </button>
      </form>
    </main>
  );
}
