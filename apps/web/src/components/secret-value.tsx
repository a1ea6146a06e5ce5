import { Button, CopyButton, Group, TextInput } from "@mantine/core";
import { useTranslation } from "react-i18next";

/** A secret shown once (an API key, a generated password), with a copy button. */
export const SecretValue = ({ label, value }: { label: string; value: string }) => {
  const { t } = useTranslation();
  return (
    <Group align="flex-end" gap="xs" wrap="nowrap">
      <TextInput
        label={label}
        value={value}
        readOnly
        onFocus={(event) => event.currentTarget.select()}
        styles={{ input: { fontFamily: "var(--mantine-font-family-monospace)" } }}
        style={{ flex: 1 }}
      />
      <CopyButton value={value}>
        {({ copied, copy }) => (
          <Button color={copied ? "teal" : undefined} onClick={copy} variant="light">
            {copied ? t("common.copied") : t("common.copy")}
          </Button>
        )}
      </CopyButton>
    </Group>
  );
};
