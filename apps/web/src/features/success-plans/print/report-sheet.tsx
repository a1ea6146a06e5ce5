import type { ReportDeck, ReportSlide } from "@michi/core";
import { useTranslation } from "react-i18next";
import type { Plan } from "../success-plans.queries";
import classes from "./plan-print.module.css";
import { KpisPage, MilestonesPage, PufuPage, RoadmapPage } from "./report-data-pages";
import {
  CoverPage,
  PurposePage,
  RetrospectivePage,
  RisksPage,
  TeamPage,
} from "./report-text-pages";

type Props = { deck: ReportDeck; slide: ReportSlide; number: number; plan: Plan };

const SlideBody = ({ deck, slide, plan }: Omit<Props, "number">) => {
  switch (slide.section) {
    case "cover":
      return <CoverPage slide={slide} />;
    case "purpose":
      return <PurposePage slide={slide} />;
    case "team":
      return <TeamPage slide={slide} />;
    case "pufu":
      return <PufuPage plan={plan} lang={deck.lang} />;
    case "kpis":
      return <KpisPage slide={slide} plan={plan} locale={deck.locale} />;
    case "milestones":
      return <MilestonesPage slide={slide} />;
    case "roadmap":
      return <RoadmapPage slide={slide} />;
    case "retrospective":
      return <RetrospectivePage slide={slide} />;
    case "risks":
      return <RisksPage slide={slide} />;
    default:
      return slide satisfies never;
  }
};

/**
 * One slide of the evaluator report as an A4 landscape sheet: its heading,
 * its page, and the footer with the page number, in the report's language
 * (`lang` on the sheet, so the browser picks Japanese glyphs and line breaks).
 */
export const ReportSheet = ({ deck, slide, number, plan }: Props) => {
  const { t } = useTranslation();
  const count = deck.slides.length;
  return (
    <section className={classes.sheet} aria-label={slide.heading} lang={deck.locale}>
      {slide.section === "cover" ? (
        <SlideBody deck={deck} slide={slide} plan={plan} />
      ) : (
        <>
          <h2 className={classes.heading}>{slide.heading}</h2>
          <div className={classes.body}>
            <SlideBody deck={deck} slide={slide} plan={plan} />
          </div>
          <footer className={classes.footer}>
            <span>{deck.footer}</span>
            <span>{t("plans.report.pageOf", { number, count })}</span>
          </footer>
        </>
      )}
    </section>
  );
};
