import { Divider, Grid, Stack } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { ApiErrorAlert } from "../../../components/api-error-alert";
import { planMeetingsQueryOptions } from "../success-plans.queries";
import type { PlanEditor } from "../use-plan-editor";
import { CadencesSection } from "./cadences-section";
import { FailurePatternsSection } from "./failure-patterns-section";
import { MeetingRecordsSection } from "./meeting-records-section";

/** Meetings: cadences, the failure-pattern checklist, and meeting records. */
export const MeetingsPanel = ({ editor, canWrite }: { editor: PlanEditor; canWrite: boolean }) => {
  const meetings = useQuery(planMeetingsQueryOptions(editor.plan.id));
  const records = meetings.data?.data ?? [];
  return (
    <Stack gap="xl">
      <ApiErrorAlert error={meetings.error} />
      <Grid gap="xl">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <CadencesSection editor={editor} canWrite={canWrite} meetings={records} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <FailurePatternsSection editor={editor} canWrite={canWrite} />
        </Grid.Col>
      </Grid>
      <Divider />
      <MeetingRecordsSection
        planId={editor.plan.id}
        today={editor.today}
        canWrite={canWrite}
        meetings={records}
      />
    </Stack>
  );
};
