import { Divider, Stack } from "@mantine/core";
import type { PlanEditor } from "../use-plan-editor";
import { PurposeForm } from "./purpose-form";
import { TeamSection } from "./team-section";

/** "Purpose & team": the plan's details and purpose on one page, then the project team. */
export const PurposePanel = ({ editor, canWrite }: { editor: PlanEditor; canWrite: boolean }) => (
  <Stack gap="xl">
    <PurposeForm key={editor.plan.version} editor={editor} canWrite={canWrite} />
    <Divider />
    <TeamSection editor={editor} canWrite={canWrite} />
  </Stack>
);
