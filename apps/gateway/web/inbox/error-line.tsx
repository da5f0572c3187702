/** A failure the agent must see, read out by screen readers as it appears; nothing when there is none. */
export function ErrorLine({ message, id }: { message: string | null | undefined; id?: string }) {
  return message ? (
    <p class="error" role="alert" id={id}>
      {message}
    </p>
  ) : null;
}
