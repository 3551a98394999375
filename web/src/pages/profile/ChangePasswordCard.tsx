import { useChangeMyPassword } from '../../api/me';
import { PasswordChangeCard } from '../../components/PasswordChangeFields';
import { useErrorMessage } from '../../components/useErrorMessage';

export function ChangePasswordCard() {
  return (
    <PasswordChangeCard
      useChange={useChangeMyPassword}
      toMessage={useErrorMessage()}
      testIdPrefix="password"
    />
  );
}
