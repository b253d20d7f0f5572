#pragma once

namespace claimdesk::core {

// Called first thing in every main(): in release builds, no core dumps (they would hold keys and client
// data) and no ptrace attach by other processes of the same user. Debug builds keep dumps for developers.
void hardenProcess();

}  // namespace claimdesk::core
