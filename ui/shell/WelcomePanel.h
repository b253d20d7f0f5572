#pragma once

#include <QWidget>

class QLabel;

namespace claimdesk::core {
struct User;
}

namespace claimdesk::ui {

// The main window's central area until case records arrive: who is signed in, what they can do now,
// and what is coming.
class WelcomePanel final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WelcomePanel)
public:
    explicit WelcomePanel(QWidget* parent = nullptr);

    void showUser(const core::User& user, const QString& vaultFileName, int autoLockMinutes);
    void setAutoLockMinutes(int minutes);
    void clear();  // on lock: nothing about the user is left in any label

private:
    QLabel* m_heading;
    QLabel* m_signedIn;
    QLabel* m_nowTitle;
    QLabel* m_nowList;
    QLabel* m_comingTitle;
    QLabel* m_coming;
    QLabel* m_lockHint;
    bool m_isAdmin = false;
};

}  // namespace claimdesk::ui
