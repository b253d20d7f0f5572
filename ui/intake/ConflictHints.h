#pragma once

#include "conflicts/ConflictService.h"

#include <QDate>
#include <QFrame>
#include <QStringList>

#include <vector>

class QLabel;
class QTimer;

namespace claimdesk::ui {

// One name checked against every client, former name, party and alias (recorded with the case it led to).
using NameCheck = core::ConflictCheck;

// Live duplicate and conflict hints under the name fields: the names are checked ~250 ms after the last
// keystroke (ConflictService::check), and the closest matches are listed with their score and reasons.
// A match inside a restricted case the user may not open shows only "possible match in a restricted case —
// ask a supervisor". Hidden while nothing matches.
class ConflictHints final : public QFrame {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConflictHints)
public:
    static constexpr int kDebounceMs = 250;
    static constexpr int kShownPerName = 3;

    explicit ConflictHints(QWidget* parent = nullptr);

    void setService(core::ConflictService* service);  // nullptr stops all checks (the session is closing)
    // Restarts the debounce; empty and duplicate names are ignored.
    void setNames(const QStringList& names, const QDate& dateOfBirth = {});
    void checkNow();

    const std::vector<NameCheck>& results() const { return m_results; }
    int matchCount() const;
    QString hintText() const;  // what is shown, as plain text (for tests and accessibility)

    // Rich text for one name's matches, shared with the review page.
    static QString describeMatches(const NameCheck& check, int limit);

signals:
    void checked();

private:
    void render();

    core::ConflictService* m_service = nullptr;
    QTimer* m_debounce;
    QLabel* m_label;
    QStringList m_names;
    QDate m_dateOfBirth;
    std::vector<NameCheck> m_results;
    QString m_problem;
};

}  // namespace claimdesk::ui
