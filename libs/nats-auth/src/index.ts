export { NatsCredentialsError, natsAuthArgs, natsAuthOptions, type NatsAuthOptions } from './connection-auth';
export { startupNatsAuth } from './startup-auth';
export { generateCredentials, type FleetCredentials } from './credentials';
export { ROLES, agentName, checkIdentities, fleetIdentities, type AgentIdentity, type Identity, type Role, type RoleIdentity } from './identities';
export { inboxPrefixOf, inboxSubjectOf } from './inbox';
export { mappedSubject } from './mapped-subject';
export { permissionsOf, type Permissions } from './permissions';
export { renderAuthorization, type AuthorizedUser } from './server-config';
