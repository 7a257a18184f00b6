export { LoginScreen } from './login-screen';
export { UserBadge } from './user-badge';
