import { invalidPassword } from "../errors/auth-factories";

/** What a new password must satisfy. */
export interface PasswordRules {
  /** At least this many characters (default 8). */
  minLength: number;
  /** At most this many characters (default 256), so a huge password cannot tie up the hasher. */
  maxLength: number;
  /** Refuse a password equal to the username, ignoring case (default true). */
  notUsername: boolean;
}

/** The rules BaseUser starts with. */
export const defaultPasswordRules: Readonly<PasswordRules> = Object.freeze({
  minLength: 8,
  maxLength: 256,
  notUsername: true,
});

/** Throws a ValidationError (code PICCOLO_INVALID_PASSWORD) naming every rule the password breaks; the value is never shown. */
export function checkPassword(table: string, password: unknown, username: string, rules: PasswordRules): void {
  const broken: Record<string, string> = {};
  if (typeof password !== "string") broken.type = "the password must be a string";
  else {
    const length = [...password].length;
    if (length < rules.minLength) broken.minLength = `the password must have at least ${rules.minLength} characters`;
    if (length > rules.maxLength) broken.maxLength = `the password must have at most ${rules.maxLength} characters`;
    if (rules.notUsername && password.toLowerCase() === username.toLowerCase())
      broken.notUsername = "the password must not be the username";
  }
  if (Object.keys(broken).length > 0) throw invalidPassword(table, broken);
}
