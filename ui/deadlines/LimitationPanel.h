#pragma once

#include "deadlines/DeadlineService.h"

#include <QDate>
#include <QWidget>

class QLabel;
class QPushButton;
class QVBoxLayout;

namespace claimdesk::ui {

// The case's limitation at a glance: the case-level safe date (bold, with days left, coloured by urgency), its
// sign-off (verified by whom, or why not) with Verify… and Override…, then one card per incident: the regime in
// plain words, the safe date in bold with the strict and roll-forward dates beneath, the flags as badges with
// tooltips, and the numbered explanation on demand. It shows what it is given; CaseDeadlinesTab asks core.
class LimitationPanel final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LimitationPanel)
public:
    explicit LimitationPanel(QWidget* parent = nullptr);
    ~LimitationPanel() override;

    // `mayVerify`: the signed-in person is a supervisor (core still decides, four eyes).
    void show(const core::deadlines::EngineResult& result, const core::deadlines::LimitationStatus& status,
              const QDate& today, const std::function<QString(const QString&)>& nameOf, bool mayVerify);
    void showProblem(const QString& text);  // the limitation could not be worked out
    void clear();

    // Expands (or collapses) every incident's explanation: for the shots tool and keyboard users.
    void setExplanationsVisible(bool visible);

signals:
    void verifyRequested();
    void overrideRequested();

private:
    QWidget* incidentCard(const core::deadlines::LimitationEntry& entry, const QDate& today);

    QLabel* m_primary;
    QLabel* m_status;
    QPushButton* m_verify;
    QPushButton* m_override;
    QLabel* m_warnings;
    QWidget* m_incidents;
    QVBoxLayout* m_incidentsLayout;
};

}  // namespace claimdesk::ui
