import { Alert, List, Text } from "@mantine/core";
import type { FieldProblem } from "@michi/core";
import { useTranslation } from "react-i18next";
import { isApiError } from "../lib/api-client";
import { errorMessageKey } from "../lib/error-message";
import { problemDetailText, problemText } from "../lib/problem-text";

/** Above a form: what went wrong, and field problems that no input shows. */
export const FormErrorAlert = ({
  error,
  otherProblems,
}: {
  error: unknown;
  otherProblems: FieldProblem[];
}) => {
  const { t } = useTranslation();
  if (!error) return null;
  const isValidation = isApiError(error) && error.status === 422;
  const detail = isApiError(error) && !isValidation ? problemDetailText(error) : undefined;
  return (
    <Alert color="red" variant="light" title={t(errorMessageKey(error))} role="alert">
      {detail ? <Text size="sm">{detail}</Text> : null}
      {otherProblems.length > 0 ? (
        <List size="sm">
          {otherProblems.map((problem) => (
            <List.Item key={`${problem.pointer}-${problem.message}`}>
              {problem.pointer ? `${problem.pointer}: ` : ""}
              {problemText(problem)}
            </List.Item>
          ))}
        </List>
      ) : null}
    </Alert>
  );
};
