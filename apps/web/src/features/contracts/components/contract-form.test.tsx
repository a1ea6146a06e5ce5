import { fireEvent, screen, waitFor } from "@testing-library/react";
import i18n from "i18next";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { renderWithProviders } from "../../../test/render";
import type { Contract } from "../contracts.queries";
import { ContractForm } from "./contract-form";

const contract: Contract = {
  id: "5b0c6f1e-0000-4000-8000-000000000001",
  accountId: "5b0c6f1e-0000-4000-8000-000000000002",
  externalId: "crm-k-1",
  product: "Michi Cloud",
  mrrMinor: 300_000,
  currency: "JPY",
  startDate: "2026-04-01",
  endDate: "2027-03-31",
  status: "active",
  seats: 120,
  createdAt: "2026-04-01T00:00:00.000Z",
  updatedAt: "2026-04-01T00:00:00.000Z",
};

const renderForm = (existing?: Contract) => {
  const onSubmit = vi.fn();
  renderWithProviders(
    <ContractForm
      {...(existing ? { contract: existing } : {})}
      pending={false}
      error={null}
      submitLabel="保存"
      onSubmit={onSubmit}
      onCancel={() => {}}
    />,
  );
  return onSubmit;
};

const seatsInput = () => screen.getByLabelText(/ライセンス数/) as HTMLInputElement;

// The first render of a Mantine form is slow on a busy machine; this is not a timing check.
describe("ContractForm: licensed seats", () => {
  beforeEach(async () => {
    await i18n.changeLanguage("ja");
  });

  it("sends the seats typed for a new contract", async () => {
    const onSubmit = renderForm();
    fireEvent.change(screen.getByLabelText(/製品/), {
      target: { value: "Michi Cloud" },
    });
    fireEvent.change(screen.getByLabelText(/MRR/), {
      target: { value: "300000" },
    });
    fireEvent.change(screen.getByLabelText(/開始日/), { target: { value: "2026-04-01" } });
    fireEvent.change(seatsInput(), { target: { value: "1200" } });
    fireEvent.click(screen.getByRole("button", { name: "保存" }));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit.mock.calls[0]?.[0]).toMatchObject({
      product: "Michi Cloud",
      mrrMinor: 300_000,
      startDate: "2026-04-01",
      seats: 1200,
    });
  });

  it("shows the stored seats and sends null once they are cleared", async () => {
    const onSubmit = renderForm(contract);
    expect(seatsInput().value).toBe("120");
    fireEvent.change(seatsInput(), { target: { value: "" } });
    fireEvent.click(screen.getByRole("button", { name: "保存" }));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit.mock.calls[0]?.[0]).toMatchObject({
      product: "Michi Cloud",
      mrrMinor: 300_000,
      seats: null,
    });
  });

  it("sends null for a contract without seats saved as it is", async () => {
    const onSubmit = renderForm({ ...contract, seats: null });
    expect(seatsInput().value).toBe("");
    fireEvent.click(screen.getByRole("button", { name: "保存" }));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit.mock.calls[0]?.[0]).toMatchObject({ seats: null });
  });
});
