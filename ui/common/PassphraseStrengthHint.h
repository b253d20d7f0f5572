#pragma once

#include <QWidget>

class QLabel;
class QProgressBar;

namespace claimdesk::ui {

// A live hint under a new-passphrase field: a four-step bar from core's strength score and a sentence
// that says what would make the passphrase acceptable or stronger.
class PassphraseStrengthHint final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PassphraseStrengthHint)
public:
    explicit PassphraseStrengthHint(QWidget* parent = nullptr);

    void setPassphrase(const QString& passphrase);
    int strength() const { return m_strength; }
    QString text() const;

private:
    QProgressBar* m_bar;
    QLabel* m_label;
    int m_strength = 0;
};

}  // namespace claimdesk::ui
