/** How long the links in account mails work: auth enforces it, the mails say it. */
export const MAGIC_LINK_MINUTES = 15;
export const RESET_LINK_MINUTES = 60;
/** The link that confirms an address may be read days after the welcome mail. */
export const CONFIRM_LINK_DAYS = 7;
