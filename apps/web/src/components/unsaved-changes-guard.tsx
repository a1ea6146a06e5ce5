import { useBlocker } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { ConfirmDialog } from "./confirm-dialog";

type Props = {
  /** There are edits not saved yet: leaving would lose them. */
  when: boolean;
};

/**
 * Asks before leaving a page with unsaved edits. A move inside the app
 * (a link, a tab kept in the URL, back) waits on a dialog: TanStack Router's
 * blocker, resolved by the person. A reload, a closed tab or another site
 * gets the browser's own question: the router's history raises it on
 * beforeunload while the blocker is on. Nothing is blocked once saved or
 * discarded.
 */
export const UnsavedChangesGuard = ({ when }: Props) => {
  const { t } = useTranslation();
  const blocker = useBlocker({
    shouldBlockFn: () => true,
    enableBeforeUnload: true,
    disabled: !when,
    withResolver: true,
  });
  return (
    <ConfirmDialog
      opened={blocker.status === "blocked"}
      title={t("unsaved.title")}
      message={t("unsaved.message")}
      confirmLabel={t("unsaved.leave")}
      onConfirm={() => blocker.proceed?.()}
      onClose={() => blocker.reset?.()}
    />
  );
};
