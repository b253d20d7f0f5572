#include "PassphraseReader.h"

#include "store/Crypto.h"
#include "store/SecureBytes.h"
#include "store/Vault.h"

#include <sodium.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <iterator>
#include <memory>
#include <utility>

#include <termios.h>
#include <unistd.h>

namespace claimdesk::cli {

using core::ErrorCode;
using core::makeError;

Passphrase::Passphrase(QByteArray bytes) : m_bytes(std::move(bytes))
{
    (void)m_bytes.data();  // detach: from here on the buffer is ours and on the heap
}

Passphrase::~Passphrase()
{
    wipe();
}

Passphrase::Passphrase(Passphrase&& other) noexcept : m_bytes(std::exchange(other.m_bytes, QByteArray()))
{
}

Passphrase& Passphrase::operator=(Passphrase&& other) noexcept
{
    if (this != &other) {
        wipe();
        m_bytes = std::exchange(other.m_bytes, QByteArray());
    }
    return *this;
}

bool Passphrase::equals(const Passphrase& other) const
{
    return m_bytes.size() == other.m_bytes.size()
        && (m_bytes.isEmpty()
            || sodium_memcmp(m_bytes.constData(), other.m_bytes.constData(), static_cast<std::size_t>(m_bytes.size()))
                == 0);
}

void Passphrase::wipe()
{
    if (!m_bytes.isEmpty()) {
        // Through constData(): data() would detach a shared buffer and wipe only the fresh copy. The buffer is
        // heap memory that this object owns (see the constructor), and a passphrase must not survive in a copy
        // that someone else took of it.
        sodium_memzero(const_cast<char*>(m_bytes.constData()), static_cast<std::size_t>(m_bytes.size()));
    }
    m_bytes = QByteArray();
}

namespace {

// The terminal settings to restore if a signal arrives while echo is off.
struct termios g_savedTerminal { };
volatile sig_atomic_t g_echoOffFd = -1;

void restoreTerminalAndReraise(int signal)
{
    if (g_echoOffFd >= 0) {
        tcsetattr(g_echoOffFd, TCSAFLUSH, &g_savedTerminal);
        static const char newline = '\n';
        (void)!::write(STDERR_FILENO, &newline, 1);
    }
    std::signal(signal, SIG_DFL);
    std::raise(signal);
}

// Echo off (newline still echoed) for the lifetime of the object.
class EchoOff {
public:
    explicit EchoOff(int fd) : m_fd(fd)
    {
        if (tcgetattr(fd, &g_savedTerminal) != 0) {
            return;
        }
        struct termios quiet = g_savedTerminal;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        quiet.c_lflag |= static_cast<tcflag_t>(ECHONL | ICANON);
        g_echoOffFd = fd;
        for (int signal : kSignals) {
            m_previous[index(signal)] = std::signal(signal, restoreTerminalAndReraise);
        }
        m_active = tcsetattr(fd, TCSAFLUSH, &quiet) == 0;
    }
    ~EchoOff()
    {
        if (g_echoOffFd >= 0) {
            tcsetattr(m_fd, TCSAFLUSH, &g_savedTerminal);
            g_echoOffFd = -1;
            for (int signal : kSignals) {
                std::signal(signal, m_previous[index(signal)]);
            }
        }
    }
    EchoOff(const EchoOff&) = delete;
    EchoOff& operator=(const EchoOff&) = delete;

    bool active() const { return m_active; }

private:
    static constexpr int kSignals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};
    static std::size_t index(int signal)
    {
        for (std::size_t i = 0; i < std::size(kSignals); ++i) {
            if (kSignals[i] == signal) {
                return i;
            }
        }
        return 0;
    }
    int m_fd;
    bool m_active = false;
    void (*m_previous[std::size(kSignals)])(int) = {};
};

void writeAll(int fd, const QByteArray& text)
{
    qsizetype done = 0;
    while (done < text.size()) {
        const ssize_t n = ::write(fd, text.constData() + done, static_cast<std::size_t>(text.size() - done));
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return;
        }
        done += n;
    }
}

}  // namespace

PassphraseReader::PassphraseReader(int inputFd, int promptFd)
    : m_input(inputFd), m_prompt(promptFd), m_terminal(isatty(inputFd) == 1)
{
}

core::Result<Passphrase> PassphraseReader::readLine(const QString& prompt)
{
    if (!core::crypto::initialise()) {
        return makeError(ErrorCode::Internal, QStringLiteral("The cryptography library could not start."));
    }
    // Read byte by byte with read(2): no stdio buffer keeps a copy, and the next line stays unread for the
    // next passphrase. The bytes collect in locked memory and are copied once, at their final size.
    core::SecureBytes buffer(kMaxBytes);
    std::size_t length = 0;
    bool sawAnything = false;
    bool tooLong = false;
    bool ioError = false;
    {
        std::unique_ptr<EchoOff> echoOff;
        if (m_terminal) {
            writeAll(m_prompt, prompt.toUtf8());
            echoOff = std::make_unique<EchoOff>(m_input);
        }
        unsigned char c = 0;
        while (true) {
            const ssize_t n = ::read(m_input, &c, 1);
            if (n < 0 && errno == EINTR) {
                continue;
            }
            if (n < 0) {
                ioError = true;
                break;
            }
            if (n == 0) {
                break;
            }
            sawAnything = true;
            if (c == '\n') {
                break;
            }
            if (length < kMaxBytes) {
                buffer.data()[length++] = c;
            } else {
                tooLong = true;
            }
        }
        sodium_memzero(&c, sizeof c);
    }
    if (length > 0 && buffer.data()[length - 1] == '\r') {
        --length;
    }
    if (ioError) {
        return makeError(
            ErrorCode::IoError,
            QStringLiteral("The passphrase could not be read: %1.").arg(QString::fromLocal8Bit(std::strerror(errno))));
    }
    if (!sawAnything) {
        return makeError(ErrorCode::InvalidInput,
                         m_terminal ? QStringLiteral("No passphrase was entered.")
                                    : QStringLiteral("Standard input ended before a passphrase was read; give one "
                                                     "passphrase per line."));
    }
    if (tooLong) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("A passphrase can be at most %1 bytes long.").arg(kMaxBytes));
    }
    return Passphrase(QByteArray(reinterpret_cast<const char*>(buffer.data()), static_cast<qsizetype>(length)));
}

core::Result<Passphrase> PassphraseReader::readExisting(const QString& prompt)
{
    return readLine(prompt);
}

core::Result<Passphrase> PassphraseReader::readNew(const QString& prompt, const QString& repeatPrompt)
{
    auto first = readLine(prompt);
    if (!first || !m_terminal) {
        return first;
    }
    // On a terminal, say a weak passphrase is weak before asking for it again. Core checks again anyway.
    if (auto strong = core::Vault::checkPassphrase(first->bytes()); !strong) {
        return strong.error();
    }
    auto second = readLine(repeatPrompt);
    if (!second) {
        return second.error();
    }
    if (!first->equals(*second)) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("The two passphrases do not match; nothing was changed."));
    }
    return first;
}

}  // namespace claimdesk::cli
