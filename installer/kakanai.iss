; Inno Setup script for the Windows installer of kakanai (per-machine install, Start menu entries,
; uninstaller). Build the PyInstaller bundle first (dist\kakanai), then: iscc installer\kakanai.iss
#define AppName "kakanai 書かない窓口"
#define AppVersion GetEnv("KAKANAI_VERSION")
#if AppVersion == ""
  #define AppVersion "0.1.0"
#endif

[Setup]
AppId={{6F0C7C0E-4B7A-4C55-9A0E-6B616B616E61}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=kakanai
DefaultDirName={autopf}\kakanai
DefaultGroupName=kakanai
PrivilegesRequired=admin
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\dist
OutputBaseFilename=kakanai-setup-{#AppVersion}
Compression=lzma2
SolidCompression=yes
SetupIconFile=..\resources\icons\kakanai.ico
UninstallDisplayIcon={app}\kakanai-app.exe
LicenseFile=..\installer\LICENSE-BUNDLE.txt

[Languages]
Name: "japanese"; MessagesFile: "compiler:Languages\Japanese.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Files]
Source: "..\dist\kakanai\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\書かない窓口 kakanai"; Filename: "{app}\kakanai-app.exe"
Name: "{group}\書かない窓口（研修モード）"; Filename: "{app}\kakanai-app.exe"; Parameters: "--demo"
Name: "{group}\アンインストール"; Filename: "{uninstallexe}"

[Run]
Filename: "{app}\kakanai.exe"; Parameters: "--selftest"; Flags: runhidden waituntilterminated; StatusMsg: "自己診断を実行しています…"
