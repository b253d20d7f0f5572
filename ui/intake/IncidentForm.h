#pragma once

#include "cases/CaseTypes.h"

#include <QJsonObject>
#include <QWidget>

#include <memory>

namespace Ui {
class IncidentForm;
}

namespace claimdesk::core {
class ConflictService;
}

namespace claimdesk::ui {

class ConflictHints;

// One incident, in outline: when (a year is enough), where, what kind and who, with live conflict hints for
// every name typed. The names are what the conflict check is about; detail is not needed here.
class IncidentForm final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(IncidentForm)
public:
    explicit IncidentForm(core::ConflictService* conflicts, QWidget* parent = nullptr);
    ~IncidentForm() override;

    QJsonObject saveDraft() const;
    void restoreDraft(const QJsonObject& data);
    bool isEmpty() const;       // nothing typed or ticked: left out of the case
    bool isAcceptable() const;  // no date problems, and a start date if anything else was given
    bool askLater() const;
    // The incident as entered; police details are added by the police page.
    core::Incident incident() const;
    QStringList perpetrators() const;
    QStringList institutions() const;
    QString shortLabel() const;  // for its tab: "1998 to 2001", or empty before a start is typed
    ConflictHints* conflictHints() const;

signals:
    void changed();

private:
    void datesChanged();
    void updateStartNeeded();
    void namesChanged();

    std::unique_ptr<Ui::IncidentForm> m_ui;
};

}  // namespace claimdesk::ui
