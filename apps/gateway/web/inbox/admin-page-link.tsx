import { useState } from 'preact/hooks';
import { api, errorText } from './api.js';

/**
 * Administrators' way into their pages (the queue dashboard, the API docs): a page load cannot
 * carry the bearer token, so the inbox first trades it for the pages' short-lived cookie.
 */
export function AdminPageLink({ label, url, what }: { label: string; url: string; what: string }) {
  const [failure, setFailure] = useState('');
  const open = async () => {
    setFailure('');
    try {
      await api('POST', '/api/admin-pages/session');
      location.assign(url);
    } catch (error) {
      setFailure(errorText(error, `No se pudo abrir ${what}`));
    }
  };
  return (
    <>
      <button type="button" class="link" onClick={() => void open()}>
        {label}
      </button>
      {failure && (
        <span role="alert" class="error">
          {failure}
        </span>
      )}
    </>
  );
}
