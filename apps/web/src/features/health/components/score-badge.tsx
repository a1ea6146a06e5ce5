import { Badge, type BadgeProps } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { bandColors, type HealthBand } from "../health.queries";

type Props = { score: number | null; band: HealthBand | null; size?: BadgeProps["size"] };

/**
 * A score in its band's colour, the band named too (colour alone says
 * nothing to some): "72・黄". Without a score, "insufficient data" in grey:
 * never a 0, never red, which would read as an account at risk.
 */
export const ScoreBadge = ({ score, band, size = "sm" }: Props) => {
  const { t } = useTranslation();
  if (score === null || band === null) {
    return (
      <Badge color="gray" variant="light" size={size} data-testid="insufficient-data">
        {t("health.insufficientData")}
      </Badge>
    );
  }
  return (
    <Badge color={bandColors[band]} variant="light" size={size}>
      {t("accounts.healthBadge", { score, band: t(`health.band.${band}`) })}
    </Badge>
  );
};
