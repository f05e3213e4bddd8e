// Where a meeting is held, as one line.

/** Where a meeting is (or was) held: "Sted: …", "Online: …", both, or "Sted ikke oplyst". */
export function Place({ place, class: className }: { place: { venue?: string | undefined; online?: string | undefined }; class: string }) {
  if (!place.venue && !place.online) return <p class={className}>Sted ikke oplyst</p>;
  return (
    <p class={className}>
      {place.venue && <span>Sted: {place.venue}</span>}
      {place.venue && place.online && <span aria-hidden="true"> · </span>}
      {place.online && <span>Online: {place.online}</span>}
    </p>
  );
}
