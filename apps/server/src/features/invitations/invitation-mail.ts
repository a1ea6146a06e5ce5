import type { WorkspaceRole } from "@michi/core";
import type { OutboundMail } from "../../lib/outbound/mail";

const roleNames: Record<WorkspaceRole, { ja: string; en: string }> = {
  admin: { ja: "管理者", en: "admin" },
  manager: { ja: "マネージャー", en: "manager" },
  csm: { ja: "CSM", en: "CSM" },
  viewer: { ja: "閲覧者", en: "viewer" },
};

/**
 * The invitation email, Japanese then English in one message: Michi does not
 * know the invitee's language before they open the link.
 */
export const invitationMail = (params: {
  to: string;
  workspaceName: string;
  inviterName: string;
  role: WorkspaceRole;
  link: string;
  expiresAt: Date;
}): OutboundMail => {
  const role = roleNames[params.role];
  const until = params.expiresAt.toISOString().slice(0, 16).replace("T", " ");
  return {
    to: params.to,
    subject: `Michi: ${params.workspaceName} への招待 / Invitation to ${params.workspaceName}`,
    text: [
      `${params.inviterName} さんから、Michi のワークスペース「${params.workspaceName}」に${role.ja}として招待されました。`,
      "次のリンクを開いて参加してください。アカウントがあればログインして、なければ名前とパスワードを決めて参加できます。",
      "",
      params.link,
      "",
      `このリンクは ${until} (UTC) まで、一度だけ使えます。心当たりがなければ、このメールは無視してください。`,
      "",
      "----",
      "",
      `${params.inviterName} invited you to the Michi workspace "${params.workspaceName}" as ${role.en}.`,
      "Open this link to join: log in if you have an account, or choose a name and password.",
      "",
      params.link,
      "",
      `The link works once, until ${until} UTC. If you did not expect this, ignore this email.`,
    ].join("\n"),
  };
};
