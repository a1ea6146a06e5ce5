import { fireEvent, screen } from "@testing-library/react";
import i18n from "i18next";
import { afterEach, describe, expect, it, vi } from "vitest";
import { renderWithProviders } from "../test/render";
import { DateField } from "./date-field";

describe("DateField", () => {
  afterEach(async () => {
    await i18n.changeLanguage("en");
  });

  it("shows the date in the UI language, not the browser's, and sends it as YYYY-MM-DD", async () => {
    await i18n.changeLanguage("ja");
    const onChange = vi.fn();
    renderWithProviders(<DateField label="期限" value="2026-04-01" onChange={onChange} />);
    const input = screen.getByLabelText("期限") as HTMLInputElement;
    expect(input.value).toBe("2026/04/01");
    fireEvent.change(input, { target: { value: "2026年5月3日" } });
    expect(onChange).toHaveBeenLastCalledWith("2026-05-03");
  });

  it("reads the English form in an English UI, and sends an empty string once cleared", async () => {
    await i18n.changeLanguage("en");
    const onChange = vi.fn();
    renderWithProviders(<DateField label="Due" value="2026-04-01" onChange={onChange} />);
    const input = screen.getByLabelText("Due") as HTMLInputElement;
    expect(input.value).toBe("Apr 1, 2026");
    fireEvent.change(input, { target: { value: "May 3, 2026" } });
    expect(onChange).toHaveBeenLastCalledWith("2026-05-03");
    fireEvent.change(input, { target: { value: "" } });
    expect(onChange).toHaveBeenLastCalledWith("");
  });
});
