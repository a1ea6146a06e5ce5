import { PLAN_FORMAT, type PlanDocument } from "@michi/core";
import { fireEvent, screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { renderWithProviders } from "../../../test/render";
import { retrospectivePayload } from "./retrospective";
import { RetrospectiveForm } from "./retrospective-form";

const plan: PlanDocument = {
  format: PLAN_FORMAT,
  title: "Plan",
  pufu: {
    goal: "Goal",
    winCondition: { text: "Win" },
    objectives: [
      { key: "o1", title: "Carriers book" },
      { key: "o2", title: "Crews follow bookings" },
    ],
  },
};

describe("retrospectivePayload", () => {
  it("leaves blank texts out and keeps every objective's direction", () => {
    expect(
      retrospectivePayload({
        summary: "  ",
        objectives: [
          { key: "o1", direction: "closer", held: " Briefings ", didNotHold: "", changesNext: "" },
          {
            key: "o2",
            direction: "further",
            held: "",
            didNotHold: "No crews",
            changesNext: "Hire",
          },
        ],
      }),
    ).toEqual({
      objectives: [
        { key: "o1", direction: "closer", held: "Briefings" },
        { key: "o2", direction: "further", didNotHold: "No crews", changesNext: "Hire" },
      ],
    });
  });
});

describe("RetrospectiveForm", () => {
  it("sends what was chosen and written, per objective", () => {
    const onSubmit = vi.fn();
    renderWithProviders(
      <RetrospectiveForm
        document={plan}
        stage={1}
        pending={false}
        error={null}
        onSubmit={onSubmit}
        onCancel={() => {}}
      />,
    );
    const closer = screen.getAllByRole("radio", { name: /closer|近づいた/i })[0]!;
    fireEvent.click(closer);
    fireEvent.change(
      screen.getByRole("textbox", {
        name: /What held.*Carriers book|うまくいったこと.*Carriers book/,
      }),
      {
        target: { value: "Ten carriers briefed" },
      },
    );
    fireEvent.change(screen.getByRole("textbox", { name: /^(Summary|まとめ)/ }), {
      target: { value: "Good start" },
    });
    fireEvent.click(screen.getByRole("button", { name: /Close stage 1|第1局面を閉じ/ }));
    expect(onSubmit).toHaveBeenCalledWith({
      summary: "Good start",
      objectives: [
        { key: "o1", direction: "closer", held: "Ten carriers briefed" },
        { key: "o2", direction: "unchanged" },
      ],
    });
  });
});
