import { useState } from 'preact/hooks';
import { api, errorText } from './api.js';

/**
 * Administrators' way into the queue dashboard (/admin/queues): the page load cannot carry the
 * bearer token, so the inbox first trades it for the dashboard's short-lived cookie.
 */
export function QueueDashboardLink() {
  const [failure, setFailure] = useState('');
  const open = async () => {
    setFailure('');
    try {
      const { url } = await api<{ url: string }>('POST', '/api/queue-dashboard/session');
      location.assign(url);
    } catch (error) {
      setFailure(errorText(error, 'No se pudo abrir el tablero de colas'));
    }
  };
  return (
    <>
      <button type="button" class="link" onClick={() => void open()}>
        Colas
      </button>
      {failure && (
        <span role="alert" class="error">
          {failure}
        </span>
      )}
    </>
  );
}
