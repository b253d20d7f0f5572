#pragma once

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QStackedWidget;

namespace claimdesk::ui {

class Prompter;
class VaultSession;

// The client's own account of abuse. Hidden behind a content warning until someone chooses "Show account"
// (CaseService::revealAccount, which records the showing in the audit log); "Hide" takes it off the screen
// again. Edits are saved with the rest of the case file (CaseFileWidget::save).
class CaseAccountTab final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CaseAccountTab)
public:
    CaseAccountTab(VaultSession& session, Prompter& prompter, qint64 caseId, bool hasAccount, QWidget* parent = nullptr);
    ~CaseAccountTab() override;

    bool isShown() const;
    bool isDirty() const { return m_dirty; }
    QString editedAccount() const;
    void markSaved();  // the edited account was saved
    // Takes the account off the screen. Unsaved edits stay (hidden) so nothing typed is lost.
    void hideAccount();
    void showAccount();
    void setPrivacyMode(bool on);  // privacy mode hides the account
    void wipe();  // on lock: the text goes, edited or not

signals:
    void edited();

private:
    void showEditor();

    VaultSession& m_session;
    Prompter& m_prompter;
    qint64 m_caseId;
    bool m_hasAccount;
    bool m_dirty = false;
    bool m_loading = false;
    QStackedWidget* m_stack;
    QLabel* m_warning;
    QLabel* m_warningDetail;
    QPushButton* m_show;
    QPlainTextEdit* m_editor;
    QLabel* m_shownNote;
    QPushButton* m_hide;
};

}  // namespace claimdesk::ui
