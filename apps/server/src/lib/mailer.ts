import nodemailer from "nodemailer";

export type MailMessage = { to: string; subject: string; text: string };

/** Sends email; absent from AppDeps when MICHI_SMTP_URL is not set. */
export type Mailer = { send: (message: MailMessage) => Promise<void> };

/** An SMTP mailer from a URL such as smtp://user:pass@host:587 (nodemailer reads the URL). */
export const createSmtpMailer = (params: { url: string; from: string }): Mailer => {
  const transport = nodemailer.createTransport(params.url);
  return {
    send: async (message) => {
      await transport.sendMail({ from: params.from, ...message });
    },
  };
};
