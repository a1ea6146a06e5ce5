import { Select } from "@mantine/core";
import { mentionToken } from "@michi/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { usersQueryOptions } from "../../users/users.queries";

/** Choose a member of the workspace: their mention token is handed to `onPick`. */
export const MentionPicker = ({ onPick }: { onPick: (token: string) => void }) => {
  const { t } = useTranslation();
  const users = useQuery(usersQueryOptions());
  const members = users.data?.data ?? [];
  return (
    <Select
      aria-label={t("timeline.mention")}
      placeholder={t("timeline.mentionPlaceholder")}
      leftSection="@"
      searchable
      nothingFoundMessage="—"
      clearable={false}
      value={null}
      size="xs"
      w={220}
      data={members.map((member) => ({ value: member.userId, label: member.name }))}
      comboboxProps={{ withinPortal: false }}
      onChange={(userId) => {
        const member = members.find((candidate) => candidate.userId === userId);
        if (member) onPick(mentionToken(member.name, member.userId));
      }}
    />
  );
};

/** The body with a token added where the caret was (or at the end), spaced from its neighbours. */
export const insertToken = (body: string, token: string, at = body.length) => {
  const before = body.slice(0, at);
  const after = body.slice(at);
  const lead = before === "" || /\s$/.test(before) ? "" : " ";
  const trail = /^\s/.test(after) ? "" : " ";
  return `${before}${lead}${token}${trail}${after}`;
};
