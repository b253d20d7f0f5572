#include "store/KdfProfile.h"

#include <sodium.h>

namespace claimdesk::core {

KdfProfile KdfProfile::moderate()
{
    return {crypto_pwhash_OPSLIMIT_MODERATE, crypto_pwhash_MEMLIMIT_MODERATE};
}

KdfProfile KdfProfile::interactive()
{
    return {crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE};
}

KdfProfile KdfProfile::fastForTestsOnly()
{
    return {crypto_pwhash_OPSLIMIT_MIN, 64 * 1024};
}

}  // namespace claimdesk::core
