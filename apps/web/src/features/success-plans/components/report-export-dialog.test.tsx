import { reportLabels, reportSections } from "@michi/core";
import { fireEvent, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import en from "../../../locales/en.json" with { type: "json" };
import ja from "../../../locales/ja.json" with { type: "json" };
import { renderWithProviders } from "../../../test/render";
import { sectionsOf } from "../print/plan-print-page";
import { ReportExportDialog } from "./report-export-dialog";

const PLAN = "00000000-0000-4000-8000-000000000001";

const hrefOf = (name: string) => screen.getByRole("link", { name }).getAttribute("href") ?? "";

describe("ReportExportDialog", () => {
  it("downloads every section in the chosen language, then only the sections left checked", () => {
    renderWithProviders(<ReportExportDialog opened planId={PLAN} onClose={() => {}} />);
    const download = en.plans.report.downloadPptx;
    expect(hrefOf(download)).toBe(`/api/v1/plans/${PLAN}/export.pptx?lang=en`);

    fireEvent.click(screen.getByText(en.language.ja));
    fireEvent.click(screen.getByRole("checkbox", { name: en.plans.report.section.team }));
    fireEvent.click(screen.getByRole("checkbox", { name: en.plans.report.section.pufu }));
    const sections = reportSections.filter((s) => s !== "team" && s !== "pufu").join("%2C");
    expect(hrefOf(download)).toBe(`/api/v1/plans/${PLAN}/export.pptx?lang=ja&sections=${sections}`);
    expect(hrefOf(en.plans.report.openPrint)).toBe(
      `/plans/${PLAN}/print?lang=ja&sections=${sections}`,
    );
  });

  it("asks for a section when none is checked", () => {
    renderWithProviders(<ReportExportDialog opened planId={PLAN} onClose={() => {}} />);
    for (const section of reportSections) {
      fireEvent.click(screen.getByRole("checkbox", { name: en.plans.report.section[section] }));
    }
    expect(screen.getByText(en.plans.report.chooseOne)).toBeTruthy();
    expect(screen.getByText(en.plans.report.downloadPptx).closest("a")?.hasAttribute("href")).toBe(
      false,
    );
    fireEvent.click(screen.getByRole("button", { name: en.plans.report.allSections }));
    expect(hrefOf(en.plans.report.downloadPptx)).toBe(`/api/v1/plans/${PLAN}/export.pptx?lang=en`);
  });

  it("names the sections as the deck's headings do, in both languages", () => {
    for (const section of reportSections) {
      expect(ja.plans.report.section[section]).toBe(reportLabels.ja.sections[section]);
      expect(en.plans.report.section[section]).toBe(reportLabels.en.sections[section]);
    }
  });
});

describe("the print view's sections", () => {
  it("reads the known sections of ?sections=, in the deck's order, else all", () => {
    expect(sectionsOf("risks,cover,nope")).toEqual(["cover", "risks"]);
    expect(sectionsOf("nope")).toEqual([...reportSections]);
    expect(sectionsOf(undefined)).toEqual([...reportSections]);
  });
});
