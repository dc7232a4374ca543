; Setup of Một Cửa for Windows (NSIS 3): a per-user install that needs no administrator rights,
; because office PCs are locked down. Built by scripts/windows-setup.sh (make dist), which passes:
;   /DVERSION=0.1.0            the version (FyneApp.toml)
;   /DFILEVERSION=0.1.0.1      four numbers for the file's version information
;   /DEXE=path\to\motcua.exe   the Windows program to install
;   /DICON=path\to\motcua.ico  the icon of the setup, the uninstaller and the shortcuts
;   /DOUTFILE=path\to\MotCua-Setup-0.1.0.exe
;
; Installs into %LOCALAPPDATA%\Programs\MotCua (or /D=…), with the uninstall entry in HKCU.
; The office's data stays in %LOCALAPPDATA%\MotCua (data/paths.go): an upgrade never touches it,
; and the uninstaller removes it only when asked (its checkbox, or /XOADULIEU with /S).
; docs/ADMIN.md, "Cài đặt trên máy văn phòng", is the administrator's side of this.

; 64-bit, like the program it installs: a 32-bit setup would also need Wine's 32-bit half to be
; tested (scripts/wine-installer-test.sh), which the lean Wine install on CI does not have
Target amd64-unicode
Unicode true
ManifestDPIAware true
; the release is lzma (smallest); the installer test passes /DCOMPRESSOR=zlib (much faster to build)
!ifdef COMPRESSOR
	SetCompressor ${COMPRESSOR}
!else
	SetCompressor /SOLID lzma
!endif
RequestExecutionLevel user

!macro REQUIRE name
	!ifndef ${name}
		!error "pass /D${name}=… (scripts/windows-setup.sh passes /DVERSION /DFILEVERSION /DEXE /DICON /DOUTFILE)"
	!endif
!macroend
!insertmacro REQUIRE VERSION
!insertmacro REQUIRE FILEVERSION
!insertmacro REQUIRE EXE
!insertmacro REQUIRE ICON
!insertmacro REQUIRE OUTFILE

!define APPNAME "Một Cửa"
!define APPEXE "MotCua.exe"
!define APPICON "MotCua.ico"
!define UNINSTEXE "Uninstall.exe"
!define PUBLISHER "Một Cửa"
!define UNINSTKEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\MotCua"
!define SETTINGSKEY "Software\MotCua"
; the app's default data folder (data.DataDir on Windows)
!define DATADIR "$LOCALAPPDATA\MotCua"
!define SHORTCUT "${APPNAME}.lnk"

Name "${APPNAME}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\MotCua"
; an upgrade goes where the previous version is (unless /D= says otherwise)
InstallDirRegKey HKCU "${SETTINGSKEY}" "InstallDir"
BrandingText "${APPNAME} ${VERSION}"

VIProductVersion "${FILEVERSION}"
VIFileVersion "${FILEVERSION}"
VIAddVersionKey /LANG=1066 "ProductName" "${APPNAME}"
VIAddVersionKey /LANG=1066 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=1066 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=1066 "FileDescription" "Cài đặt ${APPNAME} ${VERSION}"
VIAddVersionKey /LANG=1066 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=1066 "LegalCopyright" "${PUBLISHER}"

!include "MUI2.nsh"
!include "FileFunc.nsh"
!include "LogicLib.nsh"

Var PrevVersion ; DisplayVersion of the installed copy, "" when none
Var UpgradeNote ; shown on the welcome page when upgrading

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_UNABORTWARNING
!define MUI_COMPONENTSPAGE_NODESC

!define MUI_WELCOMEPAGE_TITLE "$(WelcomeTitle)"
!define MUI_WELCOMEPAGE_TEXT "$(WelcomeText)$UpgradeNote$\r$\n$\r$\n$_CLICK"
!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_INSTFILES
!define MUI_FINISHPAGE_RUN "$INSTDIR\${APPEXE}"
!define MUI_FINISHPAGE_RUN_TEXT "$(FinishRun)"
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
!define MUI_PAGE_HEADER_TEXT "$(UnComponentsTitle)"
!define MUI_PAGE_HEADER_SUBTEXT "$(UnComponentsSubtitle)"
!define MUI_COMPONENTSPAGE_TEXT_TOP "$(UnComponentsTop)"
!insertmacro MUI_UNPAGE_COMPONENTS
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "Vietnamese"

LangString WelcomeTitle ${LANG_VIETNAMESE} "Cài đặt ${APPNAME} ${VERSION}"
LangString WelcomeText ${LANG_VIETNAMESE} "Phần mềm Bộ phận Một cửa sẽ được cài cho riêng tài khoản Windows này, không cần quyền quản trị.$\r$\n$\r$\nDữ liệu của văn phòng (thư mục ${DATADIR}) không bị thay đổi khi cài đặt hay nâng cấp."
LangString UpgradeNoteText ${LANG_VIETNAMESE} "Máy này đang có ${APPNAME} phiên bản"
LangString UpgradeNoteTail ${LANG_VIETNAMESE} "phiên bản này sẽ thay thế nó, dữ liệu giữ nguyên."
LangString FinishRun ${LANG_VIETNAMESE} "Mở ${APPNAME} ngay"
LangString SecProgram ${LANG_VIETNAMESE} "${APPNAME} (phần mềm và lối tắt trong menu Start)"
LangString SecDesktop ${LANG_VIETNAMESE} "Lối tắt trên màn hình nền"
LangString AppRunning ${LANG_VIETNAMESE} "${APPNAME} đang mở. Hãy đóng mọi cửa sổ ${APPNAME} rồi bấm Thử lại (Retry), hoặc bấm Hủy (Cancel) để dừng."
LangString AppRunningSilent ${LANG_VIETNAMESE} "${APPNAME} đang chạy: đóng phần mềm rồi chạy lại."
LangString UnSecProgram ${LANG_VIETNAMESE} "Phần mềm ${APPNAME} và các lối tắt"
LangString UnSecData ${LANG_VIETNAMESE} "Xóa cả dữ liệu của văn phòng"
LangString UnComponentsTitle ${LANG_VIETNAMESE} "Gỡ phần mềm, giữ dữ liệu?"
LangString UnComponentsSubtitle ${LANG_VIETNAMESE} "Dữ liệu của văn phòng được giữ lại nếu không chọn xóa."
LangString UnComponentsTop ${LANG_VIETNAMESE} "Dữ liệu của văn phòng (hồ sơ, sổ, phiếu in, nhật ký) nằm ở ${DATADIR}. Chỉ đánh dấu ô xóa khi đã sao lưu và chắc chắn không cần nữa: dữ liệu đã xóa không lấy lại được."
LangString DataKept ${LANG_VIETNAMESE} "Dữ liệu của văn phòng được giữ lại ở"
LangString DataRemoved ${LANG_VIETNAMESE} "Đã xóa dữ liệu của văn phòng ở"
LangString DataBusy ${LANG_VIETNAMESE} "Không xóa được dữ liệu của văn phòng ở ${DATADIR} vì đang được dùng (một bản ${APPNAME} khác đang mở?): dữ liệu được giữ nguyên. Đóng phần mềm rồi xóa thư mục đó nếu vẫn muốn."

; Waits until no copy of the installed program runs: its file cannot be opened for writing while
; Windows runs it, and replacing or deleting it then would fail halfway. Silent mode gives up
; (exit code 2) rather than wait for someone to answer.
!macro WAIT_APP_CLOSED un
Function ${un}WaitAppClosed
	${Do}
		${IfNot} ${FileExists} "$INSTDIR\${APPEXE}"
			Return
		${EndIf}
		ClearErrors
		FileOpen $0 "$INSTDIR\${APPEXE}" a
		${IfNot} ${Errors}
			FileClose $0
			Return
		${EndIf}
		${If} ${Silent}
			DetailPrint "$(AppRunningSilent)"
			SetErrorLevel 2
			Quit
		${EndIf}
		MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "$(AppRunning)" IDRETRY retry
		SetErrorLevel 2
		Quit
		retry:
	${Loop}
FunctionEnd
!macroend
!insertmacro WAIT_APP_CLOSED ""
!insertmacro WAIT_APP_CLOSED "un."

Section "$(SecProgram)" SecProgram
	SectionIn RO
	Call WaitAppClosed
	SetOutPath "$INSTDIR"
	SetOverwrite on
	File "/oname=${APPEXE}" "${EXE}"
	File "/oname=${APPICON}" "${ICON}"
	WriteUninstaller "$INSTDIR\${UNINSTEXE}"

	CreateShortcut "$SMPROGRAMS\${SHORTCUT}" "$INSTDIR\${APPEXE}" "" "$INSTDIR\${APPICON}" 0

	WriteRegStr HKCU "${SETTINGSKEY}" "InstallDir" "$INSTDIR"
	WriteRegStr HKCU "${SETTINGSKEY}" "Version" "${VERSION}"
	WriteRegStr HKCU "${UNINSTKEY}" "DisplayName" "${APPNAME}"
	WriteRegStr HKCU "${UNINSTKEY}" "DisplayVersion" "${VERSION}"
	WriteRegStr HKCU "${UNINSTKEY}" "Publisher" "${PUBLISHER}"
	WriteRegStr HKCU "${UNINSTKEY}" "DisplayIcon" "$INSTDIR\${APPICON}"
	WriteRegStr HKCU "${UNINSTKEY}" "InstallLocation" "$INSTDIR"
	WriteRegStr HKCU "${UNINSTKEY}" "UninstallString" '"$INSTDIR\${UNINSTEXE}"'
	WriteRegStr HKCU "${UNINSTKEY}" "QuietUninstallString" '"$INSTDIR\${UNINSTEXE}" /S'
	WriteRegDWORD HKCU "${UNINSTKEY}" "NoModify" 1
	WriteRegDWORD HKCU "${UNINSTKEY}" "NoRepair" 1
	${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
	IntFmt $0 "0x%08X" $0
	WriteRegDWORD HKCU "${UNINSTKEY}" "EstimatedSize" "$0"
SectionEnd

Section "$(SecDesktop)" SecDesktop
	CreateShortcut "$DESKTOP\${SHORTCUT}" "$INSTDIR\${APPEXE}" "" "$INSTDIR\${APPICON}" 0
	WriteRegDWORD HKCU "${SETTINGSKEY}" "DesktopShortcut" 1
SectionEnd

Section "-NoDesktop"
	; runs after SecDesktop: remove a shortcut left by an earlier install when it is now unwanted
	${IfNot} ${SectionIsSelected} ${SecDesktop}
		Delete "$DESKTOP\${SHORTCUT}"
		WriteRegDWORD HKCU "${SETTINGSKEY}" "DesktopShortcut" 0
	${EndIf}
SectionEnd

Function .onInit
	ReadRegStr $PrevVersion HKCU "${UNINSTKEY}" "DisplayVersion"
	${If} $PrevVersion != ""
		StrCpy $UpgradeNote "$\r$\n$\r$\n$(UpgradeNoteText) $PrevVersion: $(UpgradeNoteTail)"
	${EndIf}
	; an upgrade keeps the choice made at the first install
	ReadRegDWORD $0 HKCU "${SETTINGSKEY}" "DesktopShortcut"
	${If} $PrevVersion != ""
	${AndIf} $0 == 0
		!insertmacro UnselectSection ${SecDesktop}
	${EndIf}
FunctionEnd

Section "un.$(UnSecProgram)" UnSecProgram
	SectionIn RO
	Call un.WaitAppClosed
	Delete "$SMPROGRAMS\${SHORTCUT}"
	Delete "$DESKTOP\${SHORTCUT}"
	Delete "$INSTDIR\${APPEXE}"
	Delete "$INSTDIR\${APPICON}"
	Delete "$INSTDIR\${UNINSTEXE}"
	; only the files above: whatever else is in the folder (a data folder given with /D=) stays
	RMDir "$INSTDIR"
	DeleteRegKey HKCU "${UNINSTKEY}"
	DeleteRegKey HKCU "${SETTINGSKEY}"
SectionEnd

Section /o "un.$(UnSecData)" UnSecData
	${IfNot} ${FileExists} "${DATADIR}\*.*"
		Return
	${EndIf}
	; renamed first: Windows refuses to rename a folder whose files are open (the program started
	; from another copy), and then nothing is removed rather than half of the office's data
	RMDir /r "${DATADIR}.dang-xoa"
	ClearErrors
	Rename "${DATADIR}" "${DATADIR}.dang-xoa"
	${If} ${Errors}
		DetailPrint "$(DataBusy)"
		MessageBox MB_OK|MB_ICONEXCLAMATION "$(DataBusy)" /SD IDOK
		SetErrorLevel 2
		Return
	${EndIf}
	RMDir /r "${DATADIR}.dang-xoa"
	DetailPrint "$(DataRemoved) ${DATADIR}"
SectionEnd

Section "-un.DataKept"
	${IfNot} ${SectionIsSelected} ${UnSecData}
		DetailPrint "$(DataKept) ${DATADIR}"
	${EndIf}
SectionEnd

Function un.onInit
	; /XOADULIEU (with /S, for scripts) asks to remove the office's data as well
	${GetParameters} $0
	ClearErrors
	${GetOptions} $0 "/XOADULIEU" $1
	${IfNot} ${Errors}
		!insertmacro SelectSection ${UnSecData}
	${EndIf}
FunctionEnd
