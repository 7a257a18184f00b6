import { Module } from '@nestjs/common';
import { AuthService } from './auth.service';

/** Token authentication of Socket.IO handshakes. */
@Module({
  providers: [AuthService],
  exports: [AuthService],
})
export class AuthModule {}
