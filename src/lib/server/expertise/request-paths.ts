/** The organisation's pages (it has no account): its secret link's page, and where it asks for a new link. */
export const REQUEST_LINK_PATH = '/expertisepool/aanvraag';
export const LOST_LINK_PATH = `${REQUEST_LINK_PATH}/kwijt`;
