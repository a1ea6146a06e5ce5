import { MultiSelect, TagsInput } from "@mantine/core";
import { useAccountPicklists } from "../use-account-picklists";

type Props = {
  label: string;
  description: string;
  value: string[];
  error?: string | undefined;
  disabled?: boolean | undefined;
  onChange: (segments: string[]) => void;
};

/**
 * Segments a rule or a scorecard is for: chosen among the workspace's
 * segments by label when it has a list (a value no longer listed stays
 * choosable), typed as free text when it has none.
 */
export const SegmentsInput = ({ label, description, value, error, disabled, onChange }: Props) => {
  const choices = useAccountPicklists().choices("segment");
  if (choices.length === 0) {
    return (
      <TagsInput
        label={label}
        description={description}
        value={value}
        error={error}
        disabled={disabled}
        onChange={onChange}
      />
    );
  }
  const unlisted = value
    .filter((segment) => !choices.some((choice) => choice.value === segment))
    .map((segment) => ({ value: segment, label: segment }));
  return (
    <MultiSelect
      label={label}
      description={description}
      data={[...choices, ...unlisted]}
      value={value}
      error={error}
      disabled={disabled}
      onChange={onChange}
      searchable
    />
  );
};
