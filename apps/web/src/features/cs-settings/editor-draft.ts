import type { Scorecard } from "@michi/core";
import { useSyncExternalStore } from "react";

/*
 * The scorecard editor's unsaved edit, shared with the Health Lab so a
 * person can backtest a change before saving it. Client state, not server
 * state: it lives in memory for the browser tab, written while the editor
 * has a valid unsaved edit and cleared when it is saved or discarded. It
 * outlives the editor on purpose (open the Lab, come back).
 */

export type EditorDraft = {
  /** The key of the scorecard being edited (as typed). */
  key: string;
  scorecard: Scorecard;
};

let current: EditorDraft | null = null;
const listeners = new Set<() => void>();

export const setEditorDraft = (draft: EditorDraft | null) => {
  if (draft === current) return;
  current = draft;
  for (const listener of listeners) listener();
};

export const getEditorDraft = () => current;

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
};

/** The editor's unsaved edit, or null; re-renders when it changes. */
export const useEditorDraft = () => useSyncExternalStore(subscribe, getEditorDraft, getEditorDraft);
