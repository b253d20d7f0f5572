#pragma once

#include "common/Result.h"

#include <QByteArray>
#include <QString>

#include <cstddef>

namespace claimdesk::cli {

// A passphrase on its way to core: held in one QByteArray (the type the core API takes) and wiped when
// it goes out of scope. Move-only, so there is never a second copy to forget.
class Passphrase {
public:
    Passphrase() = default;
    // Takes sole ownership of the bytes' buffer (a shared or literal buffer is copied first, so wipe() can
    // always write to it). The caller wipes anything it kept.
    explicit Passphrase(QByteArray bytes);
    ~Passphrase();
    Passphrase(Passphrase&& other) noexcept;
    Passphrase& operator=(Passphrase&& other) noexcept;
    Passphrase(const Passphrase&) = delete;
    Passphrase& operator=(const Passphrase&) = delete;

    const QByteArray& bytes() const { return m_bytes; }
    bool isEmpty() const { return m_bytes.isEmpty(); }
    bool equals(const Passphrase& other) const;  // constant time for equal lengths
    void wipe();

private:
    QByteArray m_bytes;
};

// Reads passphrases from standard input, never from arguments or the environment. On a terminal it prompts
// on standard error and turns echo off (restored on return and on SIGINT/SIGTERM/SIGHUP/SIGQUIT), and asks
// for a new passphrase twice. Otherwise it reads one passphrase per line, silently, so scripts and tests
// can pipe them in.
class PassphraseReader {
public:
    static constexpr std::size_t kMaxBytes = 1024;

    explicit PassphraseReader(int inputFd = 0, int promptFd = 2);

    bool isTerminal() const { return m_terminal; }

    // An existing passphrase (to unlock).
    core::Result<Passphrase> readExisting(const QString& prompt);
    // A new passphrase: on a terminal it is checked against core's passphrase rules and asked twice.
    core::Result<Passphrase> readNew(const QString& prompt, const QString& repeatPrompt);

private:
    core::Result<Passphrase> readLine(const QString& prompt);

    int m_input;
    int m_prompt;
    bool m_terminal;
};

}  // namespace claimdesk::cli
