#include "common/ProcessHardening.h"

#include <sys/prctl.h>
#include <sys/resource.h>

namespace claimdesk::core {

void hardenProcess()
{
#ifdef CLAIMDESK_RELEASE_BUILD
    const rlimit noCore{0, 0};
    setrlimit(RLIMIT_CORE, &noCore);
    prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
#endif
}

}  // namespace claimdesk::core
