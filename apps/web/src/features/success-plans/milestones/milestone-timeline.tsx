import { Box, Text, Tooltip } from "@mantine/core";
import type { PlanMilestone } from "@michi/core";
import { monthStarts, positionOnPeriod } from "@michi/core";
import { useTranslation } from "react-i18next";
import { formatDate } from "../../../lib/format";
import classes from "./milestones.module.css";

type Props = { milestones: PlanMilestone[]; period: { start: string; end: string }; today: string };

/** Milestones on a line over the plan period (plain CSS: a few dated points need no chart library). */
export const MilestoneTimeline = ({ milestones, period, today }: Props) => {
  const { t, i18n } = useTranslation();
  const month = new Intl.DateTimeFormat(i18n.language, { month: "short", timeZone: "UTC" });
  const dated = milestones
    .filter((ms) => ms.dueDate)
    .sort((a, b) => (a.dueDate ?? "").localeCompare(b.dueDate ?? ""));
  return (
    <Box className={classes.timeline} role="img" aria-label={t("plans.milestones.timelineLabel")}>
      <div className={classes.track} />
      {monthStarts(period.start, period.end).map((tick) => (
        <div
          key={tick}
          className={classes.tick}
          style={{ left: `${positionOnPeriod(tick, period.start, period.end)}%` }}
        >
          <Text size="xs" c="dimmed">
            {month.format(new Date(`${tick}T00:00:00Z`))}
          </Text>
        </div>
      ))}
      {today >= period.start && today <= period.end ? (
        <div
          className={classes.today}
          style={{ left: `${positionOnPeriod(today, period.start, period.end)}%` }}
        >
          <Text size="xs" fw={700} c="red.7">
            {t("plans.milestones.today")}
          </Text>
        </div>
      ) : null}
      {dated.map((milestone, index) => {
        const state = milestone.doneDate
          ? "done"
          : (milestone.dueDate ?? "") < today
            ? "overdue"
            : "upcoming";
        return (
          <Tooltip
            key={milestone.key}
            label={`${milestone.title} · ${formatDate(milestone.dueDate, i18n.language)}`}
          >
            <div
              className={classes.milestone}
              data-state={state}
              data-row={index % 2}
              style={{
                left: `${positionOnPeriod(milestone.dueDate ?? period.start, period.start, period.end)}%`,
              }}
            >
              <span className={classes.diamond} />
              <Text size="xs" fw={600} className={classes.label}>
                {milestone.title}
              </Text>
            </div>
          </Tooltip>
        );
      })}
    </Box>
  );
};
