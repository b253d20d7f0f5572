#pragma once

#include "cases/CaseTypes.h"
#include "ui/cases/StaffNames.h"

#include <QList>
#include <QTabWidget>

namespace claimdesk::ui {

class CaseFileWidget;
class CaseListPanel;
class Prompter;
class VaultSession;

// The main window's centre for people who work on cases: the case list as the first tab, and each open case
// file as a tab of its own (titled with the reference only), so several cases can be open at once. It owns
// privacy mode for all of them, and clear() empties and closes everything on lock.
class CaseWorkspace final : public QTabWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CaseWorkspace)
public:
    CaseWorkspace(VaultSession& session, Prompter& prompter, QWidget* parent = nullptr);
    ~CaseWorkspace() override;

    void start();  // loads the case list
    CaseListPanel* listPanel() const { return m_list; }
    // Opens the case in a tab (or shows the tab it is already in); nullptr when it cannot be opened.
    CaseFileWidget* openCase(qint64 caseId);
    CaseFileWidget* currentCaseFile() const;
    CaseFileWidget* caseFile(qint64 caseId) const;
    QList<CaseFileWidget*> caseFiles() const;
    bool saveCurrent();
    // Closes a case file tab, asking first when it has unsaved changes. False when the person kept it.
    bool closeCaseAt(int index);
    void closeCurrentCase();
    // After the intake wizard created a case: it joins the list and opens.
    void caseCreated(qint64 caseId);
    // A restricted case the person may not open: offers break-glass (asks for the reason), then opens it with the
    // red break-glass banner. Cancelling only says in the status bar whom to ask.
    void breakGlass(qint64 caseId, const QString& reference);

    void setPrivacyMode(bool on);
    bool privacyMode() const { return m_privacy; }
    void focusSearch();
    void clear();  // on lock: every case file is wiped and closed, the list emptied

signals:
    void currentReferenceChanged(const QString& reference);  // empty when the list is showing
    void statusMessage(const QString& text);

private:
    void caseSaved(CaseFileWidget* file, const core::CaseRecord& record);
    void updateTabText(CaseFileWidget* file);
    void tabChanged();

    VaultSession& m_session;
    Prompter& m_prompter;
    CaseListPanel* m_list;
    bool m_privacy = false;
    StaffNames m_staff;
};

}  // namespace claimdesk::ui
