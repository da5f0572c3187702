/** The agents' API, with the token kept for the browser session. */
const TOKEN_KEY = 'ventanilla.accessToken';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

let onUnauthorized: () => void = () => undefined;

export const session = {
  get token(): string | null {
    return sessionStorage.getItem(TOKEN_KEY);
  },
  set token(value: string | null) {
    if (value) sessionStorage.setItem(TOKEN_KEY, value);
    else sessionStorage.removeItem(TOKEN_KEY);
  },
  onUnauthorized(handler: () => void): void {
    onUnauthorized = handler;
  },
};

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(path, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(session.token ? { authorization: `Bearer ${session.token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 401 && path !== '/api/auth/login') {
    session.token = null;
    onUnauthorized();
  }
  const payload = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok) {
    throw new ApiError(response.status, String(payload.message ?? response.statusText), (payload.details ?? {}) as Record<string, unknown>);
  }
  return payload as T;
}

/** Downloads an attachment with the agent's token and hands it to the browser as a file. */
export async function download(url: string, filename: string): Promise<void> {
  const response = await fetch(url, { headers: { authorization: `Bearer ${session.token ?? ''}` } });
  if (!response.ok) throw new ApiError(response.status, 'No se pudo descargar el archivo');
  const link = document.createElement('a');
  link.href = URL.createObjectURL(await response.blob());
  link.download = filename;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}
