import { Alert, List, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { isApiError } from "../lib/api-client";
import { errorMessageKey } from "../lib/error-message";
import { problemDetailText, problemText } from "../lib/problem-text";

type Props = {
  error: unknown;
  /** Field problems already shown next to their inputs are left out here. */
  hideFieldProblems?: boolean;
};

/** A failed request, in the user's language, with the server's own words beneath. */
export const ApiErrorAlert = ({ error, hideFieldProblems = false }: Props) => {
  const { t } = useTranslation();
  if (!error) return null;
  const detail = problemDetailText(error);
  const problems = isApiError(error) && !hideFieldProblems ? error.errors : [];
  return (
    <Alert color="red" variant="light" title={t(errorMessageKey(error))} role="alert">
      {detail ? (
        <Text size="sm" c="dimmed">
          {detail}
        </Text>
      ) : null}
      {problems.length > 0 ? (
        <List size="sm" mt="xs">
          {problems.map((problem) => (
            <List.Item key={`${problem.pointer}-${problem.row ?? ""}-${problem.message}`}>
              {problem.pointer ? `${problem.pointer}: ` : ""}
              {problemText(problem)}
            </List.Item>
          ))}
        </List>
      ) : null}
    </Alert>
  );
};
