/** How long the links in sign-in and reset mails work: auth enforces it, the mails say it. */
export const MAGIC_LINK_MINUTES = 15;
export const RESET_LINK_MINUTES = 60;
