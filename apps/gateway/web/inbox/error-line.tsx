/** A failure the agent must see, read out by screen readers as it appears; nothing when there is none. */
export function ErrorLine({ message }: { message: string | null | undefined }) {
  return message ? (
    <p class="error" role="alert">
      {message}
    </p>
  ) : null;
}
