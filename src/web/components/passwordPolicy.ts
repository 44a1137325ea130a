// Client-side mirror of the server's password policy (WEAK_PASSWORD): 10+ characters, three of four
// character classes, not containing the username. The server stays the authority, and alone checks
// the common-password list and the account's latest passwords (too large or secret for the browser).
import type { FormRule as Rule } from "antd";
import type { TFunction } from "i18next";

const CLASSES = [/[A-Z]/, /[a-z]/, /\d/, /[^A-Za-z0-9]/];

export function passwordProblem(password: string, username: string | undefined): string | null {
  if (password.length < 10) return "password.policy.tooShort";
  if (CLASSES.filter((re) => re.test(password)).length < 3) return "password.policy.classes";
  if (username && password.toLowerCase().includes(username.toLowerCase())) return "password.policy.username";
  return null;
}

export function passwordRules(t: TFunction, username: () => string | undefined): Rule[] {
  return [
    { required: true, message: t("password.newRequired") },
    { max: 128 },
    {
      validator: async (_, value: string | undefined) => {
        const problem = value ? passwordProblem(value, username()) : null;
        if (problem) throw new Error(t(problem));
      },
    },
  ];
}
