/** The user as every response shows it. */
export interface PublicUser {
  id: number;
  username: string;
  email: string;
}

/** What the bearer strategy puts on `request.user`: who is calling, and with which token. */
export interface Principal {
  user: PublicUser;
  tokenDigest: string;
}

export function toPublicUser(user: PublicUser): PublicUser {
  return { id: user.id, username: user.username, email: user.email };
}
