// reconnect: what the page says when a dropped connection came back and its session was restored
// from the page's own snapshot. A session lives in its connection (DESIGN.md, Serving), so every
// reconnect is such a restore, and the undo history, which no snapshot holds, starts again empty.
// Pure: commands.js decides when a reconnect happened and dispatches the notice answered here.

/**
 * The notice (a store `notice` action) after a session was restored on a reconnect, or null.
 *   reopened     this open follows one that had already set up the session (not the page's first)
 *   undoBefore   the undo_depth the page had before the drop
 *   undoAfter    the undo_depth of the restored session
 *   showing      a message is on the page's line (it waited while offline, and comes back with the
 *                connection)
 * A shortened undo history is always said: "Passo anterior" went grey and nothing else explains
 * why. With nothing lost, a message still on the line is left for the student to finish reading:
 * the phase box coming back already says the connection did.
 */
export function reconnectNotice({ reopened, undoBefore, undoAfter, showing }) {
  if (!reopened) return null;
  if (undoBefore > 0 && undoAfter < undoBefore) return { type: 'notice', kind: 'info', key: 'resume_back_undo' };
  if (showing) return null;
  return { type: 'notice', kind: 'info', key: 'resume_back' };
}
