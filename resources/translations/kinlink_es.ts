<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es">
<context>
    <name></name>
    <message>
        <location filename="../../app/ui/forms.py" line="231"/>
        <source>Choose a photo</source>
        <translation>Elegir una foto</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms.py" line="233"/>
        <source>Photos (*.jpg *.jpeg *.png *.webp)</source>
        <translation>Fotos (*.jpg *.jpeg *.png *.webp)</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms.py" line="233"/>
        <source>All files (*)</source>
        <translation>Todos los archivos (*)</translation>
    </message>
</context>
<context>
    <name>AccountDialog</name>
    <message>
        <location filename="../../app/ui/users_dialog.py" line="224"/>
        <source>Kinlink — add a user</source>
        <translation>Kinlink — añadir un usuario</translation>
    </message>
    <message>
        <location filename="../../app/ui/users_dialog.py" line="225"/>
        <source>Add a user</source>
        <translation>Añadir un usuario</translation>
    </message>
    <message>
        <location filename="../../app/ui/users_dialog.py" line="226"/>
        <source>Give them the passphrase in person; they can change it after signing in.</source>
        <translation>Entréguele la frase de contraseña en persona; podrá cambiarla después de iniciar sesión.</translation>
    </message>
    <message>
        <location filename="../../app/ui/users_dialog.py" line="227"/>
        <source>&amp;Add user</source>
        <translation>&amp;Añadir usuario</translation>
    </message>
    <message>
        <location filename="../../app/ui/users_dialog.py" line="229"/>
        <source>Kinlink — new passphrase</source>
        <translation>Kinlink — nueva frase de contraseña</translation>
    </message>
    <message>
        <location filename="../../app/ui/users_dialog.py" line="230"/>
        <source>New passphrase for %1</source>
        <translation>Nueva frase de contraseña para %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/users_dialog.py" line="231"/>
        <source>For someone who forgot theirs: it also unlocks and re-enables the account.</source>
        <translation>Para quien olvidó la suya: también desbloquea y vuelve a habilitar la cuenta.</translation>
    </message>
    <message>
        <location filename="../../app/ui/users_dialog.py" line="232"/>
        <source>&amp;Set passphrase</source>
        <translation>&amp;Establecer frase</translation>
    </message>
    <message>
        <location filename="../../app/ui/users_dialog.py" line="236"/>
        <source>User &amp;name</source>
        <translation>&amp;Nombre de usuario</translation>
    </message>
    <message>
        <location filename="../../app/ui/users_dialog.py" line="236"/>
        <source>User name</source>
        <translation>Nombre de usuario</translation>
    </message>
    <message>
        <location filename="../../app/ui/users_dialog.py" line="237"/>
        <source>R&amp;ole</source>
        <translation>R&amp;ol</translation>
    </message>
    <message>
        <location filename="../../app/ui/users_dialog.py" line="237"/>
        <source>Role</source>
        <translation>Rol</translation>
    </message>
    <message>
        <location filename="../../app/ui/users_dialog.py" line="238"/>
        <source>&amp;Passphrase</source>
        <translation>&amp;Frase de contraseña</translation>
    </message>
    <message>
        <location filename="../../app/ui/users_dialog.py" line="238"/>
        <source>Passphrase</source>
        <translation>Frase de contraseña</translation>
    </message>
    <message>
        <location filename="../../app/ui/users_dialog.py" line="239"/>
        <source>Re&amp;peat passphrase</source>
        <translation>Re&amp;petir la frase</translation>
    </message>
    <message>
        <location filename="../../app/ui/users_dialog.py" line="239"/>
        <source>Repeat passphrase</source>
        <translation>Repetir la frase de contraseña</translation>
    </message>
    <message>
        <location filename="../../app/ui/users_dialog.py" line="242"/>
        <source>lower case, e.g. ana or j.ortiz</source>
        <translation>en minúsculas, p. ej. ana o j.ortiz</translation>
    </message>
    <message>
        <location filename="../../app/ui/users_dialog.py" line="243"/>
        <source>At least 8 characters; 12 or more recommended. Common passwords are refused.</source>
        <translation>Al menos 8 caracteres; se recomiendan 12 o más. Se rechazan las contraseñas comunes.</translation>
    </message>
    <message>
        <location filename="../../app/ui/users_dialog.py" line="251"/>
        <source>The two passphrases differ. Type the same one twice.</source>
        <translation>Las dos frases no coinciden. Escriba la misma dos veces.</translation>
    </message>
    <message>
        <location filename="../../app/ui/users_dialog.py" line="258"/>
        <source>Adding…</source>
        <translation>Añadiendo…</translation>
    </message>
    <message>
        <location filename="../../app/ui/users_dialog.py" line="262"/>
        <source>Saving…</source>
        <translation>Guardando…</translation>
    </message>
</context>
<context>
    <name>ArrivalDialog</name>
    <message>
        <location filename="../../app/ui/arrival_dialog.py" line="41"/>
        <source>Kinlink — arrival</source>
        <translation>Kinlink — llegada</translation>
    </message>
    <message>
        <location filename="../../app/ui/arrival_dialog.py" line="42"/>
        <source>Record an arrival</source>
        <translation>Registrar una llegada</translation>
    </message>
    <message>
        <location filename="../../app/ui/arrival_dialog.py" line="44"/>
        <source>In transit to station %1.</source>
        <translation>En tránsito a la estación %1.</translation>
    </message>
    <message>
        <location filename="../../app/ui/arrival_dialog.py" line="45"/>
        <source>No transfer to this station is waiting; the arrival is recorded all the same.</source>
        <translation>No hay un traslado pendiente a esta estación; la llegada se registra igualmente.</translation>
    </message>
    <message>
        <location filename="../../app/ui/arrival_dialog.py" line="47"/>
        <source>Person: %1 (band %2). %3</source>
        <translation>Persona: %1 (brazalete %2). %3</translation>
    </message>
    <message>
        <location filename="../../app/ui/arrival_dialog.py" line="50"/>
        <source>&amp;Scan the band</source>
        <translation>&amp;Escanear el brazalete</translation>
    </message>
    <message>
        <location filename="../../app/ui/arrival_dialog.py" line="51"/>
        <source>Band scan</source>
        <translation>Lectura del brazalete</translation>
    </message>
    <message>
        <location filename="../../app/ui/arrival_dialog.py" line="52"/>
        <source>Scan the QR code on the wristband (or type the band number)</source>
        <translation>Escanee el código QR del brazalete (o escriba el número)</translation>
    </message>
    <message>
        <location filename="../../app/ui/arrival_dialog.py" line="53"/>
        <source>Fresh &amp;photo</source>
        <translation>&amp;Foto reciente</translation>
    </message>
    <message>
        <location filename="../../app/ui/arrival_dialog.py" line="53"/>
        <source>&amp;Photo (optional)</source>
        <translation>&amp;Foto (opcional)</translation>
    </message>
    <message>
        <location filename="../../app/ui/arrival_dialog.py" line="54"/>
        <source>Photo file</source>
        <translation>Archivo de foto</translation>
    </message>
    <message>
        <location filename="../../app/ui/arrival_dialog.py" line="55"/>
        <source>Needed for a pre-verbal child: taken now</source>
        <translation>Necesaria para un niño que aún no habla: tomada ahora</translation>
    </message>
    <message>
        <location filename="../../app/ui/arrival_dialog.py" line="56"/>
        <source>A photo file, if one was taken</source>
        <translation>Un archivo de foto, si se tomó una</translation>
    </message>
    <message>
        <location filename="../../app/ui/arrival_dialog.py" line="57"/>
        <source>&amp;Browse…</source>
        <translation>E&amp;xaminar…</translation>
    </message>
    <message>
        <location filename="../../app/ui/arrival_dialog.py" line="75"/>
        <source>Recording the arrival…</source>
        <translation>Registrando la llegada…</translation>
    </message>
</context>
<context>
    <name>AttachBandsDialog</name>
    <message>
        <location filename="../../app/ui/attach_dialog.py" line="107"/>
        <source>Kinlink — put the bands on</source>
        <translation>Kinlink — poner los brazaletes</translation>
    </message>
    <message>
        <location filename="../../app/ui/attach_dialog.py" line="108"/>
        <source>Put the bands on: family unit %1</source>
        <translation>Poner los brazaletes: unidad familiar %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/attach_dialog.py" line="109"/>
        <source>Choose the person (Up and Down keys), fasten their band on the wrist and scan it. Each person is ticked off; a band for someone else is flagged.</source>
        <translation>Elija a la persona (teclas Arriba y Abajo), ajuste su brazalete en la muñeca y escanéelo. Cada persona queda marcada; un brazalete de otra persona se señala.</translation>
    </message>
    <message>
        <location filename="../../app/ui/attach_dialog.py" line="111"/>
        <source>Person</source>
        <translation>Persona</translation>
    </message>
    <message>
        <location filename="../../app/ui/attach_dialog.py" line="111"/>
        <source>Band</source>
        <translation>Brazalete</translation>
    </message>
    <message>
        <location filename="../../app/ui/attach_dialog.py" line="111"/>
        <source>On the wrist</source>
        <translation>En la muñeca</translation>
    </message>
    <message>
        <location filename="../../app/ui/attach_dialog.py" line="112"/>
        <source>People and their bands</source>
        <translation>Personas y sus brazaletes</translation>
    </message>
    <message>
        <location filename="../../app/ui/attach_dialog.py" line="113"/>
        <source>&amp;Scan the band</source>
        <translation>&amp;Escanear el brazalete</translation>
    </message>
    <message>
        <location filename="../../app/ui/attach_dialog.py" line="114"/>
        <source>Scanned band</source>
        <translation>Brazalete escaneado</translation>
    </message>
    <message>
        <location filename="../../app/ui/attach_dialog.py" line="115"/>
        <source>Scan the band on the chosen person&apos;s wrist</source>
        <translation>Escanee el brazalete en la muñeca de la persona elegida</translation>
    </message>
    <message>
        <location filename="../../app/ui/attach_dialog.py" line="116"/>
        <source>Result</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <location filename="../../app/ui/attach_dialog.py" line="117"/>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <location filename="../../app/ui/attach_dialog.py" line="158"/>
        <source>✓ On the wrist</source>
        <translation>✓ En la muñeca</translation>
    </message>
    <message>
        <location filename="../../app/ui/attach_dialog.py" line="164"/>
        <source>Waiting</source>
        <translation>Pendiente</translation>
    </message>
    <message>
        <location filename="../../app/ui/attach_dialog.py" line="167"/>
        <source>%1 of %2 bands on the wrist</source>
        <translation>%1 de %2 brazaletes en la muñeca</translation>
    </message>
    <message>
        <location filename="../../app/ui/attach_dialog.py" line="183"/>
        <source>Choose the person in the list first.</source>
        <translation>Elija primero a la persona en la lista.</translation>
    </message>
    <message>
        <location filename="../../app/ui/attach_dialog.py" line="201"/>
        <source>Band %1 is on %2&apos;s wrist.</source>
        <translation>El brazalete %1 está en la muñeca de %2.</translation>
    </message>
    <message>
        <location filename="../../app/ui/attach_dialog.py" line="203"/>
        <source>Every band of the family unit is on.</source>
        <translation>Todos los brazaletes de la unidad familiar están puestos.</translation>
    </message>
    <message>
        <location filename="../../app/ui/attach_dialog.py" line="161"/>
        <source>⚠ Wrong band scanned</source>
        <translation>⚠ Brazalete equivocado</translation>
    </message>
    <message>
        <location filename="../../app/ui/attach_dialog.py" line="216"/>
        <source>someone else</source>
        <translation>otra persona</translation>
    </message>
    <message>
        <location filename="../../app/ui/attach_dialog.py" line="217"/>
        <source>WRONG PERSON: band %1 is %2&apos;s, not %3&apos;s. Take it off and put it on %2.</source>
        <translation>PERSONA EQUIVOCADA: el brazalete %1 es de %2, no de %3. Quíteselo y póngaselo a %2.</translation>
    </message>
    <message>
        <location filename="../../app/ui/attach_dialog.py" line="220"/>
        <source>WRONG FAMILY: band %1 belongs to family unit %2. Take it off.</source>
        <translation>FAMILIA EQUIVOCADA: el brazalete %1 pertenece a la unidad familiar %2. Quíteselo.</translation>
    </message>
    <message>
        <location filename="../../app/ui/attach_dialog.py" line="223"/>
        <source>That was not a band&apos;s code. Scan the QR code on the band.</source>
        <translation>Eso no era el código de un brazalete. Escanee el código QR del brazalete.</translation>
    </message>
    <message>
        <location filename="../../app/ui/attach_dialog.py" line="224"/>
        <source>This band is not valid: %1 Take it off; a supervisor can void it and issue a new one.</source>
        <translation>Este brazalete no es válido: %1 Quíteselo; un supervisor puede anularlo y emitir uno nuevo.</translation>
    </message>
</context>
<context>
    <name>AuditDialog</name>
    <message>
        <location filename="../../app/ui/audit_viewer.py" line="85"/>
        <source>Kinlink — audit log</source>
        <translation>Kinlink — registro de auditoría</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit_viewer.py" line="86"/>
        <source>Audit log</source>
        <translation>Registro de auditoría</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit_viewer.py" line="88"/>
        <source>Every sign-in, view, change, print, export and sync at this station, newest first. Reading and exporting the log are recorded in it too.</source>
        <translation>Cada inicio de sesión, consulta, cambio, impresión, exportación y sincronización en esta estación, lo más reciente primero. Leer y exportar el registro también queda registrado.</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit_viewer.py" line="91"/>
        <source>&amp;Person</source>
        <translation>&amp;Persona</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit_viewer.py" line="91"/>
        <source>Person: band number or id</source>
        <translation>Persona: número de brazalete o id</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit_viewer.py" line="92"/>
        <source>&amp;User</source>
        <translation>&amp;Usuario</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit_viewer.py" line="92"/>
        <location filename="../../app/ui/audit_viewer.py" line="105"/>
        <source>User</source>
        <translation>Usuario</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit_viewer.py" line="93"/>
        <source>&amp;Action</source>
        <translation>&amp;Acción</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit_viewer.py" line="93"/>
        <location filename="../../app/ui/audit_viewer.py" line="105"/>
        <source>Action</source>
        <translation>Acción</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit_viewer.py" line="94"/>
        <source>&amp;From</source>
        <translation>&amp;Desde</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit_viewer.py" line="94"/>
        <source>From</source>
        <translation>Desde</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit_viewer.py" line="95"/>
        <source>&amp;To</source>
        <translation>&amp;Hasta</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit_viewer.py" line="95"/>
        <source>To</source>
        <translation>Hasta</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit_viewer.py" line="98"/>
        <source>Band number or person id</source>
        <translation>Número de brazalete o id de la persona</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit_viewer.py" line="99"/>
        <source>e.g. band, family.view, sync</source>
        <translation>p. ej. band, family.view, sync</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit_viewer.py" line="101"/>
        <source>YYYY-MM-DD or YYYY-MM-DDTHH:MM (UTC)</source>
        <translation>AAAA-MM-DD o AAAA-MM-DDTHH:MM (UTC)</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit_viewer.py" line="102"/>
        <source>&amp;Show</source>
        <translation>&amp;Mostrar</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit_viewer.py" line="103"/>
        <source>&amp;Export CSV…</source>
        <translation>&amp;Exportar CSV…</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit_viewer.py" line="104"/>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit_viewer.py" line="105"/>
        <source>When (UTC)</source>
        <translation>Cuándo (UTC)</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit_viewer.py" line="105"/>
        <source>Target</source>
        <translation>Objeto</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit_viewer.py" line="106"/>
        <source>Outcome</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit_viewer.py" line="106"/>
        <source>Details</source>
        <translation>Detalles</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit_viewer.py" line="107"/>
        <source>Audit records</source>
        <translation>Registros de auditoría</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit_viewer.py" line="122"/>
        <source>Reading the audit log…</source>
        <translation>Leyendo el registro de auditoría…</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit_viewer.py" line="137"/>
        <source>The chain is intact: %1 records, none changed, removed or reordered.</source>
        <translation>La cadena está intacta: %1 registros, ninguno cambiado, quitado ni reordenado.</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit_viewer.py" line="141"/>
        <source>The chain is broken at record %1: %2. Tell your administrator.</source>
        <translation>La cadena está rota en el registro %1: %2. Avise a su administrador.</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit_viewer.py" line="144"/>
        <source>%1 records match (at most %2 are shown).</source>
        <translation>%1 registros coinciden (se muestran como máximo %2).</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit_viewer.py" line="146"/>
        <source>%1 records match.</source>
        <translation>%1 registros coinciden.</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit_viewer.py" line="173"/>
        <source>Export the audit records</source>
        <translation>Exportar los registros de auditoría</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit_viewer.py" line="174"/>
        <source>CSV files (*.csv)</source>
        <translation>Archivos CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit_viewer.py" line="181"/>
        <source>Exporting…</source>
        <translation>Exportando…</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit_viewer.py" line="185"/>
        <source>%1 records written to %2.</source>
        <translation>%1 registros escritos en %2.</translation>
    </message>
</context>
<context>
    <name>BandCheckDialog</name>
    <message>
        <location filename="../../app/ui/band_check.py" line="86"/>
        <source>Kinlink — check bands</source>
        <translation>Kinlink — comprobar brazaletes</translation>
    </message>
    <message>
        <location filename="../../app/ui/band_check.py" line="87"/>
        <source>Check bands</source>
        <translation>Comprobar brazaletes</translation>
    </message>
    <message>
        <location filename="../../app/ui/band_check.py" line="88"/>
        <source>Scan a band to see whether it is valid and whose it is. Scan a second band to see whether both belong to the same family unit.</source>
        <translation>Escanee un brazalete para ver si es válido y de quién es. Escanee un segundo brazalete para ver si ambos pertenecen a la misma unidad familiar.</translation>
    </message>
    <message>
        <location filename="../../app/ui/band_check.py" line="90"/>
        <source>&amp;Scan</source>
        <translation>&amp;Escanear</translation>
    </message>
    <message>
        <location filename="../../app/ui/band_check.py" line="91"/>
        <source>Scanned band</source>
        <translation>Brazalete escaneado</translation>
    </message>
    <message>
        <location filename="../../app/ui/band_check.py" line="92"/>
        <source>Scan a band (or type its code and press Enter)</source>
        <translation>Escanee un brazalete (o escriba su código y pulse Intro)</translation>
    </message>
    <message>
        <location filename="../../app/ui/band_check.py" line="93"/>
        <source>First band</source>
        <translation>Primer brazalete</translation>
    </message>
    <message>
        <location filename="../../app/ui/band_check.py" line="94"/>
        <source>Second band</source>
        <translation>Segundo brazalete</translation>
    </message>
    <message>
        <location filename="../../app/ui/band_check.py" line="95"/>
        <source>Result</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <location filename="../../app/ui/band_check.py" line="96"/>
        <source>Reasons</source>
        <translation>Motivos</translation>
    </message>
    <message>
        <location filename="../../app/ui/band_check.py" line="97"/>
        <source>&amp;Open the family</source>
        <translation>&amp;Abrir la familia</translation>
    </message>
    <message>
        <location filename="../../app/ui/band_check.py" line="98"/>
        <source>&amp;Follow this family</source>
        <translation>&amp;Seguir a esta familia</translation>
    </message>
    <message>
        <location filename="../../app/ui/band_check.py" line="99"/>
        <source>Hold this band&apos;s family unit from now on: it arrives with the next sync (the scan shows the person is here)</source>
        <translation>Tener desde ahora la unidad familiar de este brazalete: llega con la próxima sincronización (el escaneo muestra que la persona está aquí)</translation>
    </message>
    <message>
        <location filename="../../app/ui/band_check.py" line="101"/>
        <source>&amp;New check (Ctrl+R)</source>
        <translation>&amp;Nueva comprobación (Ctrl+R)</translation>
    </message>
    <message>
        <location filename="../../app/ui/band_check.py" line="102"/>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <location filename="../../app/ui/band_check.py" line="170"/>
        <source>MATCH</source>
        <translation>COINCIDEN</translation>
    </message>
    <message>
        <location filename="../../app/ui/band_check.py" line="170"/>
        <source>NO MATCH</source>
        <translation>NO COINCIDEN</translation>
    </message>
    <message>
        <location filename="../../app/ui/band_check.py" line="171"/>
        <source>Same family unit: %1</source>
        <translation>Misma unidad familiar: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/band_check.py" line="176"/>
        <source>Not valid: %1</source>
        <translation>No válido: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/band_check.py" line="178"/>
        <source>a person this station does not hold</source>
        <translation>una persona que esta estación no tiene</translation>
    </message>
    <message>
        <location filename="../../app/ui/band_check.py" line="179"/>
        <source>Band %1, family unit %2 (%3): %4</source>
        <translation>Brazalete %1, unidad familiar %2 (%3): %4</translation>
    </message>
    <message>
        <location filename="../../app/ui/band_check.py" line="182"/>
        <source>%1 — not valid: %2</source>
        <translation>%1 — no válido: %2</translation>
    </message>
    <message>
        <location filename="../../app/ui/band_check.py" line="199"/>
        <source>This family unit arrives with the next sync (it is kept until then, also without a network).</source>
        <translation>Esta unidad familiar llega con la próxima sincronización (se guarda hasta entonces, también sin red).</translation>
    </message>
</context>
<context>
    <name>BandReasonDialog</name>
    <message>
        <location filename="../../app/ui/band_reason_dialog.py" line="39"/>
        <source>Kinlink — void a band</source>
        <translation>Kinlink — anular un brazalete</translation>
    </message>
    <message>
        <location filename="../../app/ui/band_reason_dialog.py" line="40"/>
        <source>Void band %1</source>
        <translation>Anular el brazalete %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/band_reason_dialog.py" line="41"/>
        <source>Worn by %1.</source>
        <translation>Lo lleva %1.</translation>
    </message>
    <message>
        <location filename="../../app/ui/band_reason_dialog.py" line="42"/>
        <source>From now on this band fails verification at every station, with your reason. Its number is never used again. Issue a new band afterwards.</source>
        <translation>Desde ahora este brazalete no pasa la verificación en ninguna estación, con su motivo. Su número no se vuelve a usar. Después emita un brazalete nuevo.</translation>
    </message>
    <message>
        <location filename="../../app/ui/band_reason_dialog.py" line="44"/>
        <source>&amp;Void band</source>
        <translation>&amp;Anular brazalete</translation>
    </message>
    <message>
        <location filename="../../app/ui/band_reason_dialog.py" line="45"/>
        <source>e.g. torn, lost in transport, put on the wrong person</source>
        <translation>p. ej. roto, perdido en el traslado, puesto a otra persona</translation>
    </message>
    <message>
        <location filename="../../app/ui/band_reason_dialog.py" line="47"/>
        <source>Kinlink — new band</source>
        <translation>Kinlink — brazalete nuevo</translation>
    </message>
    <message>
        <location filename="../../app/ui/band_reason_dialog.py" line="48"/>
        <source>Issue a new band</source>
        <translation>Emitir un brazalete nuevo</translation>
    </message>
    <message>
        <location filename="../../app/ui/band_reason_dialog.py" line="49"/>
        <source>For %1, whose band was voided.</source>
        <translation>Para %1, cuyo brazalete fue anulado.</translation>
    </message>
    <message>
        <location filename="../../app/ui/band_reason_dialog.py" line="50"/>
        <source>The new band gets a new number. Print it and put it on afterwards.</source>
        <translation>El brazalete nuevo recibe un número nuevo. Después imprímalo y póngalo.</translation>
    </message>
    <message>
        <location filename="../../app/ui/band_reason_dialog.py" line="51"/>
        <source>&amp;Issue band</source>
        <translation>&amp;Emitir brazalete</translation>
    </message>
    <message>
        <location filename="../../app/ui/band_reason_dialog.py" line="52"/>
        <source>e.g. replacing the torn band</source>
        <translation>p. ej. reemplaza el brazalete roto</translation>
    </message>
    <message>
        <location filename="../../app/ui/band_reason_dialog.py" line="53"/>
        <source>&amp;Reason</source>
        <translation>&amp;Motivo</translation>
    </message>
    <message>
        <location filename="../../app/ui/band_reason_dialog.py" line="54"/>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <location filename="../../app/ui/band_reason_dialog.py" line="63"/>
        <source>Voiding…</source>
        <translation>Anulando…</translation>
    </message>
    <message>
        <location filename="../../app/ui/band_reason_dialog.py" line="67"/>
        <source>Issuing…</source>
        <translation>Emitiendo…</translation>
    </message>
</context>
<context>
    <name>BoardDialog</name>
    <message>
        <location filename="../../app/ui/board_dialog.py" line="90"/>
        <source>Kinlink — reunification board</source>
        <translation>Kinlink — tablero de reunificación</translation>
    </message>
    <message>
        <location filename="../../app/ui/board_dialog.py" line="91"/>
        <source>Reunification board</source>
        <translation>Tablero de reunificación</translation>
    </message>
    <message>
        <location filename="../../app/ui/board_dialog.py" line="93"/>
        <source>Each child separated from an adult they arrived with, most urgent first. Reunify within 14 days when the child was under 5 at the separation (30 days otherwise); first contact within 10 days. Press Enter on a row to open the family unit.</source>
        <translation>Cada niño o niña separado de un adulto con quien llegó, lo más urgente primero. Reunificar en 14 días si tenía menos de 5 años al separarse (30 días en los demás casos); primer contacto en 10 días. Pulse Intro en una fila para abrir la unidad familiar.</translation>
    </message>
    <message>
        <location filename="../../app/ui/board_dialog.py" line="96"/>
        <source>&amp;Overdue only</source>
        <translation>Solo &amp;vencidos</translation>
    </message>
    <message>
        <location filename="../../app/ui/board_dialog.py" line="97"/>
        <source>A&amp;gency</source>
        <translation>A&amp;gencia</translation>
    </message>
    <message>
        <location filename="../../app/ui/board_dialog.py" line="98"/>
        <source>Fa&amp;cility</source>
        <translation>&amp;Centro</translation>
    </message>
    <message>
        <location filename="../../app/ui/board_dialog.py" line="99"/>
        <source>&amp;Age</source>
        <translation>Ed&amp;ad</translation>
    </message>
    <message>
        <location filename="../../app/ui/board_dialog.py" line="101"/>
        <source>All agencies</source>
        <translation>Todas las agencias</translation>
    </message>
    <message>
        <location filename="../../app/ui/board_dialog.py" line="100"/>
        <source>Other</source>
        <translation>Otra</translation>
    </message>
    <message>
        <location filename="../../app/ui/board_dialog.py" line="102"/>
        <source>All ages</source>
        <translation>Todas las edades</translation>
    </message>
    <message>
        <location filename="../../app/ui/board_dialog.py" line="102"/>
        <source>Under 5</source>
        <translation>Menores de 5</translation>
    </message>
    <message>
        <location filename="../../app/ui/board_dialog.py" line="102"/>
        <source>5 and over</source>
        <translation>5 o más</translation>
    </message>
    <message>
        <location filename="../../app/ui/board_dialog.py" line="105"/>
        <source>Custody of this agency</source>
        <translation>Custodia de esta agencia</translation>
    </message>
    <message>
        <location filename="../../app/ui/board_dialog.py" line="105"/>
        <source>Age now</source>
        <translation>Edad actual</translation>
    </message>
    <message>
        <location filename="../../app/ui/board_dialog.py" line="106"/>
        <source>All facilities</source>
        <translation>Todos los centros</translation>
    </message>
    <message>
        <location filename="../../app/ui/board_dialog.py" line="107"/>
        <source>Custody in this facility</source>
        <translation>Custodia en este centro</translation>
    </message>
    <message>
        <location filename="../../app/ui/board_dialog.py" line="108"/>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <location filename="../../app/ui/board_dialog.py" line="108"/>
        <source>&amp;Back to family units (Esc)</source>
        <translation>Volver a las &amp;unidades familiares (Esc)</translation>
    </message>
    <message>
        <location filename="../../app/ui/board_dialog.py" line="109"/>
        <source>Child / adult</source>
        <translation>Niño / adulto</translation>
    </message>
    <message>
        <location filename="../../app/ui/board_dialog.py" line="109"/>
        <source>Band</source>
        <translation>Brazalete</translation>
    </message>
    <message>
        <location filename="../../app/ui/board_dialog.py" line="109"/>
        <source>Deadline (UTC)</source>
        <translation>Plazo (UTC)</translation>
    </message>
    <message>
        <location filename="../../app/ui/board_dialog.py" line="110"/>
        <source>Days left</source>
        <translation>Días restantes</translation>
    </message>
    <message>
        <location filename="../../app/ui/board_dialog.py" line="110"/>
        <source>Last contact</source>
        <translation>Último contacto</translation>
    </message>
    <message>
        <location filename="../../app/ui/board_dialog.py" line="110"/>
        <source>Custody</source>
        <translation>Custodia</translation>
    </message>
    <message>
        <location filename="../../app/ui/board_dialog.py" line="111"/>
        <source>Alerts</source>
        <translation>Alertas</translation>
    </message>
    <message>
        <location filename="../../app/ui/board_dialog.py" line="112"/>
        <source>Children on the board</source>
        <translation>Niños en el tablero</translation>
    </message>
    <message>
        <location filename="../../app/ui/board_dialog.py" line="124"/>
        <source>Reading the board…</source>
        <translation>Leyendo el tablero…</translation>
    </message>
    <message>
        <location filename="../../app/ui/board_dialog.py" line="166"/>
        <source>%1 children · %2 adults apart · %3 overdue · %4 with alerts</source>
        <translation>%1 niños · %2 adultos separados · %3 vencidos · %4 con alertas</translation>
    </message>
    <message>
        <location filename="../../app/ui/board_dialog.py" line="173"/>
        <source>No child on the board matches these filters.</source>
        <translation>Ningún niño del tablero cumple estos filtros.</translation>
    </message>
    <message>
        <location filename="../../app/ui/board_dialog.py" line="174"/>
        <source>No child is separated from an adult they arrived with.</source>
        <translation>Ningún niño está separado de un adulto con quien llegó.</translation>
    </message>
    <message>
        <location filename="../../app/ui/board_dialog.py" line="212"/>
        <source>none</source>
        <translation>ninguno</translation>
    </message>
    <message>
        <location filename="../../app/ui/board_dialog.py" line="226"/>
        <source>OVERDUE by %1 d</source>
        <translation>VENCIDO hace %1 d</translation>
    </message>
    <message>
        <location filename="../../app/ui/board_dialog.py" line="227"/>
        <source>%1 d</source>
        <translation>%1 d</translation>
    </message>
    <message>
        <location filename="../../app/ui/board_dialog.py" line="231"/>
        <source>overdue</source>
        <translation>vencido</translation>
    </message>
    <message>
        <location filename="../../app/ui/board_dialog.py" line="231"/>
        <source>no contact yet</source>
        <translation>aún sin contacto</translation>
    </message>
    <message>
        <location filename="../../app/ui/board_dialog.py" line="232"/>
        <source>adult removed from the country</source>
        <translation>adulto deportado</translation>
    </message>
    <message>
        <location filename="../../app/ui/board_dialog.py" line="233"/>
        <source>adult&apos;s whereabouts unknown</source>
        <translation>paradero del adulto desconocido</translation>
    </message>
    <message>
        <location filename="../../app/ui/board_dialog.py" line="234"/>
        <source>released to a sponsor while separated</source>
        <translation>entregado a un patrocinador estando separado</translation>
    </message>
    <message>
        <location filename="../../app/ui/board_dialog.py" line="235"/>
        <source>apart with no separation on record</source>
        <translation>separados sin separación registrada</translation>
    </message>
</context>
<context>
    <name>CameraDialog</name>
    <message>
        <location filename="../../app/ui/camera.py" line="100"/>
        <source>Kinlink — photo from the camera</source>
        <translation>Kinlink — foto con la cámara</translation>
    </message>
    <message>
        <location filename="../../app/ui/camera.py" line="101"/>
        <source>&amp;Take photo (Space)</source>
        <translation>&amp;Tomar foto (Espacio)</translation>
    </message>
    <message>
        <location filename="../../app/ui/camera.py" line="102"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location filename="../../app/ui/camera.py" line="103"/>
        <source>Camera message</source>
        <translation>Mensaje de la cámara</translation>
    </message>
    <message>
        <location filename="../../app/ui/camera.py" line="105"/>
        <source>No camera found. Connect one, or choose a photo file instead.</source>
        <translation>No se encontró ninguna cámara. Conecte una o elija un archivo de foto.</translation>
    </message>
    <message>
        <location filename="../../app/ui/camera.py" line="107"/>
        <source>This installation has no camera support (Qt Multimedia). Choose a photo file instead.</source>
        <translation>Esta instalación no admite cámaras (Qt Multimedia). Elija un archivo de foto.</translation>
    </message>
    <message>
        <location filename="../../app/ui/camera.py" line="110"/>
        <source>Camera preview</source>
        <translation>Vista previa de la cámara</translation>
    </message>
    <message>
        <location filename="../../app/ui/camera.py" line="120"/>
        <source>The camera gave no picture. Try again.</source>
        <translation>La cámara no dio ninguna imagen. Inténtelo de nuevo.</translation>
    </message>
</context>
<context>
    <name>CandidateRow</name>
    <message>
        <location filename="../../app/ui/intake/duplicate_box.py" line="80"/>
        <source>Same person</source>
        <translation>Misma persona</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/duplicate_box.py" line="81"/>
        <source>Not the same</source>
        <translation>No es la misma</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/duplicate_box.py" line="83"/>
        <source>Is %1 %2?</source>
        <translation>¿Es %1 %2?</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/duplicate_box.py" line="85"/>
        <source>Open the record</source>
        <translation>Abrir el registro</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/duplicate_box.py" line="86"/>
        <source>The family unit on record, in a window beside this one; nothing typed here is lost</source>
        <translation>La unidad familiar registrada, en una ventana junto a esta; no se pierde nada de lo escrito aquí</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/duplicate_box.py" line="88"/>
        <source>Remove %1 from this entry</source>
        <translation>Quitar a %1 de este registro</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/duplicate_box.py" line="89"/>
        <source>%1 will be registered with a proposal for a supervisor to merge the two records — or remove them from this entry.</source>
        <translation>%1 se registrará con una propuesta para que un supervisor una los dos registros, o quítelo de este registro.</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/duplicate_box.py" line="95"/>
        <source>band %1</source>
        <translation>brazalete %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/duplicate_box.py" line="96"/>
        <source>family unit %1</source>
        <translation>unidad familiar %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/duplicate_box.py" line="104"/>
        <source>%1 may be %2</source>
        <translation>%1 puede ser %2</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/duplicate_box.py" line="105"/>
        <source>Alike: %1</source>
        <translation>Parecidos: %1</translation>
    </message>
</context>
<context>
    <name>ConflictsDialog</name>
    <message>
        <location filename="../../app/ui/conflicts_dialog.py" line="247"/>
        <source>Two stations changed the same field differently before either heard of the other. Every station shows the later value until you decide. Your decision syncs to every station.</source>
        <translation>Dos estaciones cambiaron el mismo campo de forma distinta antes de saber una de la otra. Todas las estaciones muestran el valor más reciente hasta que usted decida. Su decisión se sincroniza con todas las estaciones.</translation>
    </message>
    <message>
        <location filename="../../app/ui/conflicts_dialog.py" line="217"/>
        <source>&amp;Open conflicts</source>
        <translation>Conflictos &amp;abiertos</translation>
    </message>
    <message>
        <location filename="../../app/ui/refusal_words.py" line="17"/>
        <source>registration of one person</source>
        <translation>registro de una persona</translation>
    </message>
    <message>
        <location filename="../../app/ui/refusal_words.py" line="18"/>
        <source>registration of %1 people</source>
        <translation>registro de %1 personas</translation>
    </message>
    <message>
        <location filename="../../app/ui/refusal_words.py" line="20"/>
        <source>change of a person</source>
        <translation>cambio de una persona</translation>
    </message>
    <message>
        <location filename="../../app/ui/refusal_words.py" line="21"/>
        <source>changes of %1 people</source>
        <translation>cambios de %1 personas</translation>
    </message>
    <message>
        <location filename="../../app/ui/refusal_words.py" line="22"/>
        <source>a new person</source>
        <translation>una persona nueva</translation>
    </message>
    <message>
        <location filename="../../app/ui/refusal_words.py" line="23"/>
        <source>%1 new people</source>
        <translation>%1 personas nuevas</translation>
    </message>
    <message>
        <location filename="../../app/ui/refusal_words.py" line="24"/>
        <source>change of a family link</source>
        <translation>cambio de un vínculo familiar</translation>
    </message>
    <message>
        <location filename="../../app/ui/refusal_words.py" line="25"/>
        <source>changes of %1 family links</source>
        <translation>cambios de %1 vínculos familiares</translation>
    </message>
    <message>
        <location filename="../../app/ui/refusal_words.py" line="26"/>
        <source>a new family link</source>
        <translation>un vínculo familiar nuevo</translation>
    </message>
    <message>
        <location filename="../../app/ui/refusal_words.py" line="27"/>
        <source>%1 new family links</source>
        <translation>%1 vínculos familiares nuevos</translation>
    </message>
    <message>
        <location filename="../../app/ui/refusal_words.py" line="28"/>
        <source>a separation, contact or reunification</source>
        <translation>una separación, contacto o reunificación</translation>
    </message>
    <message>
        <location filename="../../app/ui/refusal_words.py" line="29"/>
        <source>%1 separations, contacts or reunifications</source>
        <translation>%1 separaciones, contactos o reunificaciones</translation>
    </message>
    <message>
        <location filename="../../app/ui/refusal_words.py" line="30"/>
        <source>a custody transfer</source>
        <translation>un traslado de custodia</translation>
    </message>
    <message>
        <location filename="../../app/ui/refusal_words.py" line="31"/>
        <source>%1 custody transfers</source>
        <translation>%1 traslados de custodia</translation>
    </message>
    <message>
        <location filename="../../app/ui/refusal_words.py" line="32"/>
        <source>change of a custody record</source>
        <translation>cambio de un registro de custodia</translation>
    </message>
    <message>
        <location filename="../../app/ui/refusal_words.py" line="33"/>
        <source>changes of %1 custody records</source>
        <translation>cambios de %1 registros de custodia</translation>
    </message>
    <message>
        <location filename="../../app/ui/refusal_words.py" line="34"/>
        <source>a new band</source>
        <translation>un brazalete nuevo</translation>
    </message>
    <message>
        <location filename="../../app/ui/refusal_words.py" line="35"/>
        <source>%1 new bands</source>
        <translation>%1 brazaletes nuevos</translation>
    </message>
    <message>
        <location filename="../../app/ui/refusal_words.py" line="36"/>
        <source>change of a band</source>
        <translation>cambio de un brazalete</translation>
    </message>
    <message>
        <location filename="../../app/ui/refusal_words.py" line="37"/>
        <source>changes of %1 bands</source>
        <translation>cambios de %1 brazaletes</translation>
    </message>
    <message>
        <location filename="../../app/ui/refusal_words.py" line="38"/>
        <source>a photo</source>
        <translation>una foto</translation>
    </message>
    <message>
        <location filename="../../app/ui/refusal_words.py" line="39"/>
        <source>%1 photos</source>
        <translation>%1 fotos</translation>
    </message>
    <message>
        <location filename="../../app/ui/refusal_words.py" line="40"/>
        <source>change of an encounter</source>
        <translation>cambio de un encuentro</translation>
    </message>
    <message>
        <location filename="../../app/ui/refusal_words.py" line="41"/>
        <source>changes of %1 encounters</source>
        <translation>cambios de %1 encuentros</translation>
    </message>
    <message>
        <location filename="../../app/ui/refusal_words.py" line="42"/>
        <source>change of a family unit</source>
        <translation>cambio de una unidad familiar</translation>
    </message>
    <message>
        <location filename="../../app/ui/refusal_words.py" line="43"/>
        <source>changes of %1 family units</source>
        <translation>cambios de %1 unidades familiares</translation>
    </message>
    <message>
        <location filename="../../app/ui/refusal_words.py" line="45"/>
        <source>%1: %2 records</source>
        <translation>%1: %2 registros</translation>
    </message>
    <message>
        <location filename="../../app/ui/conflicts_dialog.py" line="215"/>
        <source>Kinlink — waiting for a supervisor</source>
        <translation>Kinlink — pendiente de un supervisor</translation>
    </message>
    <message>
        <location filename="../../app/ui/conflicts_dialog.py" line="216"/>
        <source>Waiting for a supervisor</source>
        <translation>Pendiente de un supervisor</translation>
    </message>
    <message>
        <location filename="../../app/ui/conflicts_dialog.py" line="218"/>
        <source>&amp;Values written</source>
        <translation>&amp;Valores escritos</translation>
    </message>
    <message>
        <location filename="../../app/ui/conflicts_dialog.py" line="219"/>
        <source>Record</source>
        <translation>Registro</translation>
    </message>
    <message>
        <location filename="../../app/ui/conflicts_dialog.py" line="219"/>
        <source>Field</source>
        <translation>Campo</translation>
    </message>
    <message>
        <location filename="../../app/ui/conflicts_dialog.py" line="219"/>
        <source>Shown now</source>
        <translation>Se muestra ahora</translation>
    </message>
    <message>
        <location filename="../../app/ui/conflicts_dialog.py" line="220"/>
        <source>Value</source>
        <translation>Valor</translation>
    </message>
    <message>
        <location filename="../../app/ui/conflicts_dialog.py" line="220"/>
        <source>Station</source>
        <translation>Estación</translation>
    </message>
    <message>
        <location filename="../../app/ui/conflicts_dialog.py" line="220"/>
        <source>User</source>
        <translation>Usuario</translation>
    </message>
    <message>
        <location filename="../../app/ui/conflicts_dialog.py" line="220"/>
        <source>When (UTC)</source>
        <translation>Cuándo (UTC)</translation>
    </message>
    <message>
        <location filename="../../app/ui/conflicts_dialog.py" line="221"/>
        <location filename="../../app/ui/conflicts_dialog.py" line="229"/>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <location filename="../../app/ui/conflicts_dialog.py" line="222"/>
        <source>Open conflicts</source>
        <translation>Conflictos abiertos</translation>
    </message>
    <message>
        <location filename="../../app/ui/conflicts_dialog.py" line="223"/>
        <source>Values written</source>
        <translation>Valores escritos</translation>
    </message>
    <message>
        <location filename="../../app/ui/conflicts_dialog.py" line="224"/>
        <source>No conflicts: every station agrees.</source>
        <translation>No hay conflictos: todas las estaciones coinciden.</translation>
    </message>
    <message>
        <location filename="../../app/ui/conflicts_dialog.py" line="225"/>
        <source>&amp;Keep the selected value</source>
        <translation>&amp;Conservar el valor seleccionado</translation>
    </message>
    <message>
        <location filename="../../app/ui/conflicts_dialog.py" line="226"/>
        <source>Or a &amp;new value</source>
        <translation>O un valor &amp;nuevo</translation>
    </message>
    <message>
        <location filename="../../app/ui/conflicts_dialog.py" line="227"/>
        <source>&amp;Reason</source>
        <translation>&amp;Motivo</translation>
    </message>
    <message>
        <location filename="../../app/ui/conflicts_dialog.py" line="228"/>
        <source>New value</source>
        <translation>Valor nuevo</translation>
    </message>
    <message>
        <location filename="../../app/ui/conflicts_dialog.py" line="230"/>
        <source>Required for a new value</source>
        <translation>Obligatorio para un valor nuevo</translation>
    </message>
    <message>
        <location filename="../../app/ui/conflicts_dialog.py" line="231"/>
        <source>&amp;Save the new value</source>
        <translation>&amp;Guardar el valor nuevo</translation>
    </message>
    <message>
        <location filename="../../app/ui/conflicts_dialog.py" line="232"/>
        <source>&amp;Transactions refused</source>
        <translation>&amp;Transacciones rechazadas</translation>
    </message>
    <message>
        <location filename="../../app/ui/conflicts_dialog.py" line="233"/>
        <source>What</source>
        <translation>Qué</translation>
    </message>
    <message>
        <location filename="../../app/ui/conflicts_dialog.py" line="233"/>
        <source>Refused</source>
        <translation>Rechazada</translation>
    </message>
    <message>
        <location filename="../../app/ui/conflicts_dialog.py" line="233"/>
        <source>The registry&apos;s reason</source>
        <translation>Motivo del registro central</translation>
    </message>
    <message>
        <location filename="../../app/ui/conflicts_dialog.py" line="234"/>
        <source>Transactions refused</source>
        <translation>Transacciones rechazadas</translation>
    </message>
    <message>
        <location filename="../../app/ui/conflicts_dialog.py" line="235"/>
        <source>Nothing was refused: the registry took every change of this station.</source>
        <translation>Nada fue rechazado: el registro central aceptó todos los cambios de esta estación.</translation>
    </message>
    <message>
        <location filename="../../app/ui/conflicts_dialog.py" line="236"/>
        <source>Resend once the cause is put right (for example, the station follows the family unit again by scanning a band); withdraw what should never be sent.</source>
        <translation>Reenvíe una vez corregida la causa (por ejemplo, la estación vuelve a seguir la unidad familiar al escanear un brazalete); retire lo que nunca debe enviarse.</translation>
    </message>
    <message>
        <location filename="../../app/ui/conflicts_dialog.py" line="239"/>
        <source>&amp;Resend</source>
        <translation>Ree&amp;nviar</translation>
    </message>
    <message>
        <location filename="../../app/ui/conflicts_dialog.py" line="240"/>
        <source>&amp;Withdraw…</source>
        <translation>Ret&amp;irar…</translation>
    </message>
    <message>
        <location filename="../../app/ui/conflicts_dialog.py" line="241"/>
        <source>&amp;Records set aside</source>
        <translation>Re&amp;gistros apartados</translation>
    </message>
    <message>
        <location filename="../../app/ui/conflicts_dialog.py" line="242"/>
        <source>Set aside</source>
        <translation>Apartado</translation>
    </message>
    <message>
        <location filename="../../app/ui/conflicts_dialog.py" line="242"/>
        <source>Why</source>
        <translation>Por qué</translation>
    </message>
    <message>
        <location filename="../../app/ui/conflicts_dialog.py" line="243"/>
        <source>Records set aside</source>
        <translation>Registros apartados</translation>
    </message>
    <message>
        <location filename="../../app/ui/conflicts_dialog.py" line="244"/>
        <source>No record was set aside.</source>
        <translation>No se apartó ningún registro.</translation>
    </message>
    <message>
        <location filename="../../app/ui/conflicts_dialog.py" line="245"/>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <location filename="../../app/ui/conflicts_dialog.py" line="250"/>
        <source>The registry did not accept these changes of this station, each transaction whole, for the reason it gave. They are not sent again until you decide.</source>
        <translation>El registro central no aceptó estos cambios de esta estación, cada transacción entera, por el motivo que indicó. No se vuelven a enviar hasta que usted decida.</translation>
    </message>
    <message>
        <location filename="../../app/ui/conflicts_dialog.py" line="253"/>
        <source>These records came from the registry but failed this station&apos;s checks. They are kept here and never merged; the rest of each sync went on. Nothing needs deciding: tell the registry&apos;s operator if they keep coming.</source>
        <translation>Estos registros llegaron del registro central pero no pasaron las comprobaciones de esta estación. Se guardan aquí y nunca se fusionan; el resto de cada sincronización siguió adelante. No hay nada que decidir: avise al operador del registro central si siguen llegando.</translation>
    </message>
    <message>
        <location filename="../../app/ui/conflicts_dialog.py" line="264"/>
        <source>Reading the queue…</source>
        <translation>Leyendo la cola…</translation>
    </message>
    <message>
        <location filename="../../app/ui/conflicts_dialog.py" line="302"/>
        <source>&amp;Conflicts (%1)</source>
        <translation>Con&amp;flictos (%1)</translation>
    </message>
    <message>
        <location filename="../../app/ui/conflicts_dialog.py" line="303"/>
        <source>Refused by the re&amp;gistry (%1)</source>
        <translation>&amp;Rechazadas por el registro central (%1)</translation>
    </message>
    <message>
        <location filename="../../app/ui/conflicts_dialog.py" line="304"/>
        <source>Set &amp;aside (%1)</source>
        <translation>A&amp;partados (%1)</translation>
    </message>
    <message>
        <location filename="../../app/ui/conflicts_dialog.py" line="395"/>
        <source>Required for a new value.</source>
        <translation>Obligatorio para un valor nuevo.</translation>
    </message>
    <message>
        <location filename="../../app/ui/conflicts_dialog.py" line="425"/>
        <source>The registry&apos;s reason: %1</source>
        <translation>Motivo del registro central: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/conflicts_dialog.py" line="426"/>
        <source>Refused %1 · transaction %2 · records in it: %3</source>
        <translation>Rechazada %1 · transacción %2 · registros que contiene: %3</translation>
    </message>
    <message>
        <location filename="../../app/ui/conflicts_dialog.py" line="470"/>
        <source>Set aside %1 · record %2 · number %3 at the registry</source>
        <translation>Apartado %1 · registro %2 · número %3 en el registro central</translation>
    </message>
    <message>
        <location filename="../../app/ui/conflicts_dialog.py" line="435"/>
        <source>Putting it back in the outbox…</source>
        <translation>Devolviéndola a la bandeja de salida…</translation>
    </message>
    <message>
        <location filename="../../app/ui/conflicts_dialog.py" line="469"/>
        <source>Why it was set aside: %1</source>
        <translation>Por qué se apartó: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/conflicts_dialog.py" line="481"/>
        <source>Saving the decision…</source>
        <translation>Guardando la decisión…</translation>
    </message>
</context>
<context>
    <name>CorrectionDialog</name>
    <message>
        <location filename="../../app/ui/value_input.py" line="31"/>
        <source>Enter a number of years, such as 7 or 0.5.</source>
        <translation>Escriba un número de años, como 7 o 0.5.</translation>
    </message>
    <message>
        <location filename="../../app/ui/correction_dialog.py" line="55"/>
        <source>Kinlink — correct a record</source>
        <translation>Kinlink — corregir un registro</translation>
    </message>
    <message>
        <location filename="../../app/ui/correction_dialog.py" line="57"/>
        <source>Propose a correction</source>
        <translation>Proponer una corrección</translation>
    </message>
    <message>
        <location filename="../../app/ui/correction_dialog.py" line="58"/>
        <source>%1. A supervisor accepts or rejects it; until then nothing changes.</source>
        <translation>%1. Un supervisor la acepta o la rechaza; hasta entonces nada cambia.</translation>
    </message>
    <message>
        <location filename="../../app/ui/correction_dialog.py" line="60"/>
        <source>&amp;Propose</source>
        <translation>&amp;Proponer</translation>
    </message>
    <message>
        <location filename="../../app/ui/correction_dialog.py" line="62"/>
        <source>Correct a person</source>
        <translation>Corregir una persona</translation>
    </message>
    <message>
        <location filename="../../app/ui/correction_dialog.py" line="63"/>
        <source>Correct a link</source>
        <translation>Corregir un vínculo</translation>
    </message>
    <message>
        <location filename="../../app/ui/correction_dialog.py" line="64"/>
        <source>%1. The old value stays in the history, with your name and reason.</source>
        <translation>%1. El valor anterior queda en el historial, con su nombre y el motivo.</translation>
    </message>
    <message>
        <location filename="../../app/ui/correction_dialog.py" line="66"/>
        <source>&amp;Correct</source>
        <translation>&amp;Corregir</translation>
    </message>
    <message>
        <location filename="../../app/ui/correction_dialog.py" line="72"/>
        <source>&amp;Field</source>
        <translation>Ca&amp;mpo</translation>
    </message>
    <message>
        <location filename="../../app/ui/correction_dialog.py" line="72"/>
        <source>Field</source>
        <translation>Campo</translation>
    </message>
    <message>
        <location filename="../../app/ui/correction_dialog.py" line="73"/>
        <source>New &amp;value</source>
        <translation>&amp;Valor nuevo</translation>
    </message>
    <message>
        <location filename="../../app/ui/correction_dialog.py" line="73"/>
        <source>New value</source>
        <translation>Valor nuevo</translation>
    </message>
    <message>
        <location filename="../../app/ui/correction_dialog.py" line="74"/>
        <source>&amp;Reason</source>
        <translation>M&amp;otivo</translation>
    </message>
    <message>
        <location filename="../../app/ui/correction_dialog.py" line="74"/>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <location filename="../../app/ui/correction_dialog.py" line="77"/>
        <source>What you saw or were told, e.g. &quot;passport seen&quot;</source>
        <translation>Lo que vio o le dijeron, p. ej. &quot;pasaporte visto&quot;</translation>
    </message>
    <message>
        <location filename="../../app/ui/correction_dialog.py" line="82"/>
        <source>YYYY-MM-DD, or empty if not known</source>
        <translation>AAAA-MM-DD, o vacío si no se sabe</translation>
    </message>
    <message>
        <location filename="../../app/ui/correction_dialog.py" line="88"/>
        <source>Now: %1</source>
        <translation>Ahora: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/correction_dialog.py" line="114"/>
        <source>Proposing…</source>
        <translation>Proponiendo…</translation>
    </message>
    <message>
        <location filename="../../app/ui/correction_dialog.py" line="118"/>
        <source>Correcting…</source>
        <translation>Corrigiendo…</translation>
    </message>
</context>
<context>
    <name>CustodyDialog</name>
    <message>
        <location filename="../../app/ui/custody_dialogs.py" line="163"/>
        <source>Kinlink — custody transfer</source>
        <translation>Kinlink — traslado de custodia</translation>
    </message>
    <message>
        <location filename="../../app/ui/custody_dialogs.py" line="164"/>
        <source>Record a custody transfer</source>
        <translation>Registrar un traslado de custodia</translation>
    </message>
    <message>
        <location filename="../../app/ui/custody_dialogs.py" line="165"/>
        <source>Person: %1 (band %2). Their family links stay as they are.</source>
        <translation>Persona: %1 (brazalete %2). Sus vínculos familiares se mantienen.</translation>
    </message>
    <message>
        <location filename="../../app/ui/custody_dialogs.py" line="172"/>
        <source>&amp;Goes to</source>
        <translation>&amp;Destino</translation>
    </message>
    <message>
        <location filename="../../app/ui/custody_dialogs.py" line="172"/>
        <source>Goes to</source>
        <translation>Destino</translation>
    </message>
    <message>
        <location filename="../../app/ui/custody_dialogs.py" line="173"/>
        <source>Receiving station code</source>
        <translation>Código de la estación que recibe</translation>
    </message>
    <message>
        <location filename="../../app/ui/custody_dialogs.py" line="174"/>
        <source>Facility</source>
        <translation>Centro</translation>
    </message>
    <message>
        <location filename="../../app/ui/custody_dialogs.py" line="174"/>
        <source>Fa&amp;cility</source>
        <translation>&amp;Centro</translation>
    </message>
    <message>
        <location filename="../../app/ui/custody_dialogs.py" line="176"/>
        <source>Rea&amp;son</source>
        <translation>&amp;Motivo</translation>
    </message>
    <message>
        <location filename="../../app/ui/custody_dialogs.py" line="176"/>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <location filename="../../app/ui/custody_dialogs.py" line="177"/>
        <source>Print t&amp;o</source>
        <translation>Imprimir &amp;en</translation>
    </message>
    <message>
        <location filename="../../app/ui/custody_dialogs.py" line="177"/>
        <source>Print the sheet to</source>
        <translation>Imprimir la hoja en</translation>
    </message>
    <message>
        <location filename="../../app/ui/custody_dialogs.py" line="180"/>
        <source>5 characters, e.g. 7QXKM</source>
        <translation>5 caracteres, p. ej. 7QXKM</translation>
    </message>
    <message>
        <location filename="../../app/ui/custody_dialogs.py" line="181"/>
        <source>Office, shelter or sponsor</source>
        <translation>Oficina, albergue o patrocinador</translation>
    </message>
    <message>
        <location filename="../../app/ui/custody_dialogs.py" line="182"/>
        <source>e.g. placement order</source>
        <translation>p. ej. orden de ubicación</translation>
    </message>
    <message>
        <location filename="../../app/ui/custody_dialogs.py" line="205"/>
        <source>&amp;Save transfer sheet…</source>
        <translation>&amp;Guardar hoja de traslado…</translation>
    </message>
    <message>
        <location filename="../../app/ui/custody_dialogs.py" line="206"/>
        <source>&amp;Print again</source>
        <translation>&amp;Imprimir de nuevo</translation>
    </message>
    <message>
        <location filename="../../app/ui/custody_dialogs.py" line="206"/>
        <source>&amp;Print transfer sheet</source>
        <translation>&amp;Imprimir hoja de traslado</translation>
    </message>
    <message>
        <location filename="../../app/ui/custody_dialogs.py" line="175"/>
        <source>Re&amp;ference</source>
        <translation>Re&amp;ferencia</translation>
    </message>
    <message>
        <location filename="../../app/ui/custody_dialogs.py" line="173"/>
        <source>Kinlink s&amp;tation</source>
        <translation>&amp;Estación Kinlink</translation>
    </message>
    <message>
        <location filename="../../app/ui/custody_dialogs.py" line="175"/>
        <source>Reference number</source>
        <translation>Número de referencia</translation>
    </message>
    <message>
        <location filename="../../app/ui/custody_dialogs.py" line="190"/>
        <source>Save as a PDF file</source>
        <translation>Guardar como archivo PDF</translation>
    </message>
    <message>
        <location filename="../../app/ui/custody_dialogs.py" line="193"/>
        <source>Transfer recorded</source>
        <translation>Traslado registrado</translation>
    </message>
    <message>
        <location filename="../../app/ui/custody_dialogs.py" line="196"/>
        <source>Print the transfer sheet that goes with the child: one page with their band&apos;s QR code, the adults they arrived with, their links and custody, and this transfer.</source>
        <translation>Imprima la hoja de traslado que acompaña al niño o niña: una página con el código QR de su brazalete, los adultos con los que llegó, sus vínculos y custodia, y este traslado.</translation>
    </message>
    <message>
        <location filename="../../app/ui/custody_dialogs.py" line="200"/>
        <source>The transfer sheet went to the printer %1. Give it to whoever takes the child.</source>
        <translation>La hoja de traslado se envió a la impresora %1. Entréguela a quien se lleve al niño o niña.</translation>
    </message>
    <message>
        <location filename="../../app/ui/custody_dialogs.py" line="203"/>
        <source>The transfer sheet is saved in %1. Print it and give it to whoever takes the child.</source>
        <translation>La hoja de traslado está guardada en %1. Imprímala y entréguela a quien se lleve al niño o niña.</translation>
    </message>
    <message>
        <location filename="../../app/ui/custody_dialogs.py" line="207"/>
        <source>&amp;Close</source>
        <translation>&amp;Cerrar</translation>
    </message>
    <message>
        <location filename="../../app/ui/custody_dialogs.py" line="226"/>
        <source>Save the transfer sheet</source>
        <translation>Guardar la hoja de traslado</translation>
    </message>
    <message>
        <location filename="../../app/ui/custody_dialogs.py" line="228"/>
        <source>PDF files (*.pdf)</source>
        <translation>Archivos PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../app/ui/custody_dialogs.py" line="278"/>
        <source>Recording the transfer…</source>
        <translation>Registrando el traslado…</translation>
    </message>
</context>
<context>
    <name>DuplicateBox</name>
    <message>
        <location filename="../../app/ui/intake/duplicate_box.py" line="157"/>
        <source>Problem with the registration</source>
        <translation>Problema con el registro</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/duplicate_box.py" line="158"/>
        <source>Registered already? Ask the person, open the record if need be, then choose Same person or Not the same for each (the arrow keys move, Space chooses).</source>
        <translation>¿Ya registrado? Pregunte a la persona, abra el registro si hace falta y elija Misma persona o No es la misma para cada uno (las flechas mueven, Espacio elige).</translation>
    </message>
</context>
<context>
    <name>DuplicateCheck</name>
    <message>
        <location filename="../../app/ui/intake/duplicate_check.py" line="74"/>
        <source>Is %1 the person on record? Choose Same person or Not the same for each person who may be registered already.</source>
        <translation>¿Es %1 la persona registrada? Elija Misma persona o No es la misma para cada persona que quizá ya esté registrada.</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/duplicate_check.py" line="80"/>
        <source>%1 can be the same person as only one record: choose Not the same for the others.</source>
        <translation>%1 solo puede ser la misma persona que un registro: elija No es la misma para los demás.</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/duplicate_check.py" line="91"/>
        <source>Registered again at intake: the agent checked with the person that this is the same person as the record on file</source>
        <translation>Registrado de nuevo en la admisión: el agente comprobó con la persona que es la misma persona del registro existente</translation>
    </message>
</context>
<context>
    <name>EncounterPage</name>
    <message>
        <location filename="../../app/ui/intake/encounter_page.py" line="106"/>
        <source>Encounter</source>
        <translation>Encuentro</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/encounter_page.py" line="107"/>
        <source>When and where the family unit was apprehended.</source>
        <translation>Cuándo y dónde se aprehendió a la unidad familiar.</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/encounter_page.py" line="108"/>
        <source>&amp;When</source>
        <translation>&amp;Cuándo</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/encounter_page.py" line="109"/>
        <source>&amp;Place</source>
        <translation>&amp;Lugar</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/encounter_page.py" line="110"/>
        <source>&amp;Latitude</source>
        <translation>La&amp;titud</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/encounter_page.py" line="111"/>
        <source>L&amp;ongitude</source>
        <translation>Lo&amp;ngitud</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/encounter_page.py" line="112"/>
        <source>Coordinates</source>
        <translation>Coordenadas</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/encounter_page.py" line="113"/>
        <source>When the encounter happened</source>
        <translation>Cuándo ocurrió el encuentro</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/encounter_page.py" line="114"/>
        <source>Place of the encounter</source>
        <translation>Lugar del encuentro</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/encounter_page.py" line="115"/>
        <source>Sector, station, road, landmark…</source>
        <translation>Sector, estación, camino, punto de referencia…</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/encounter_page.py" line="116"/>
        <source>Latitude</source>
        <translation>Latitud</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/encounter_page.py" line="117"/>
        <source>Longitude</source>
        <translation>Longitud</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/encounter_page.py" line="118"/>
        <source>e.g. 31.3</source>
        <translation>p. ej. 31.3</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/encounter_page.py" line="119"/>
        <source>e.g. -110.9</source>
        <translation>p. ej. -110.9</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/encounter_page.py" line="120"/>
        <source>Local time at this station (%1).</source>
        <translation>Hora local de esta estación (%1).</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/encounter_page.py" line="122"/>
        <source>Required. Free text: the sector, station, road or landmark.</source>
        <translation>Obligatorio. Texto libre: el sector, la estación, el camino o un punto de referencia.</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/encounter_page.py" line="123"/>
        <source>Optional: both or neither, in decimal degrees.</source>
        <translation>Opcional: las dos o ninguna, en grados decimales.</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/encounter_page.py" line="125"/>
        <source>Problem with %1</source>
        <translation>Problema con %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/encounter_page.py" line="168"/>
        <location filename="../../app/ui/value_input.py" line="34"/>
        <source>Type a number such as 31.3 or -110.9.</source>
        <translation>Escriba un número como 31.3 o -110.9.</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="49"/>
        <source>Kinlink — export FHIR</source>
        <translation>Kinlink — exportar FHIR</translation>
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="50"/>
        <source>Export family %1 as FHIR R4</source>
        <translation>Exportar la familia %1 como FHIR R4</translation>
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="51"/>
        <source>A FHIR R4 bundle for another agency&apos;s system: every person, band and family link, the encounter and custody. The export is recorded in the audit log.</source>
        <translation>Un paquete FHIR R4 para el sistema de otra agencia: cada persona, brazalete y vínculo familiar, el encuentro y la custodia. La exportación queda en el registro de auditoría.</translation>
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="54"/>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="55"/>
        <source>File</source>
        <translation>Archivo</translation>
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="56"/>
        <source>&amp;Choose…</source>
        <translation>&amp;Elegir…</translation>
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="57"/>
        <source>For &amp;whom</source>
        <translation>&amp;Para quién</translation>
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="58"/>
        <source>For whom</source>
        <translation>Para quién</translation>
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="59"/>
        <source>Agency and office it goes to, e.g. ORR shelter, Brownsville</source>
        <translation>Agencia y oficina a la que va, p. ej. albergue de ORR, Brownsville</translation>
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="60"/>
        <source>Include the pre-verbal children&apos;s &amp;photos</source>
        <translation>Incluir las &amp;fotos de los niños preverbales</translation>
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="61"/>
        <source>The file is readable by you only. Without photos, no image leaves the station.</source>
        <translation>Solo usted puede leer el archivo. Sin fotos, ninguna imagen sale de la estación.</translation>
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="63"/>
        <source>&amp;Export</source>
        <translation>E&amp;xportar</translation>
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="67"/>
        <source>Export the family as FHIR</source>
        <translation>Exportar la familia como FHIR</translation>
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="69"/>
        <source>FHIR JSON files (*.json)</source>
        <translation>Archivos JSON de FHIR (*.json)</translation>
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="69"/>
        <source>All files (*)</source>
        <translation>Todos los archivos (*)</translation>
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="83"/>
        <source>Exporting…</source>
        <translation>Exportando…</translation>
    </message>
</context>
<context>
    <name>FamilyPreview</name>
    <message>
        <location filename="../../app/ui/record_preview.py" line="230"/>
        <source>Type the unit&apos;s number or scan a band: the family unit it names shows here.</source>
        <translation>Escriba el número de la unidad o escanee un brazalete: aquí se muestra la unidad familiar que indica.</translation>
    </message>
    <message>
        <location filename="../../app/ui/record_preview.py" line="233"/>
        <source>No family unit, person or band “%1” at this station.</source>
        <translation>No hay ninguna unidad familiar, persona ni brazalete «%1» en esta estación.</translation>
    </message>
    <message>
        <location filename="../../app/ui/record_preview.py" line="239"/>
        <source>Family unit %1:</source>
        <translation>Unidad familiar %1:</translation>
    </message>
    <message>
        <location filename="../../app/ui/record_preview.py" line="247"/>
        <source>%1 is in this family unit already.</source>
        <translation>%1 ya está en esta unidad familiar.</translation>
    </message>
</context>
<context>
    <name>FamilyView</name>
    <message>
        <location filename="../../app/ui/family_view.py" line="128"/>
        <source>People in this family</source>
        <translation>Personas de esta familia</translation>
    </message>
    <message>
        <location filename="../../app/ui/family_view.py" line="129"/>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <location filename="../../app/ui/family_view.py" line="129"/>
        <source>Role</source>
        <translation>Papel</translation>
    </message>
    <message>
        <location filename="../../app/ui/family_view.py" line="129"/>
        <source>Band</source>
        <translation>Brazalete</translation>
    </message>
    <message>
        <location filename="../../app/ui/family_view.py" line="129"/>
        <source>Age</source>
        <translation>Edad</translation>
    </message>
    <message>
        <location filename="../../app/ui/family_view.py" line="129"/>
        <source>Custody</source>
        <translation>Custodia</translation>
    </message>
    <message>
        <location filename="../../app/ui/family_view.py" line="130"/>
        <source>Family links</source>
        <translation>Vínculos familiares</translation>
    </message>
    <message>
        <location filename="../../app/ui/family_view.py" line="131"/>
        <source>Person</source>
        <translation>Persona</translation>
    </message>
    <message>
        <location filename="../../app/ui/family_view.py" line="131"/>
        <source>Is the</source>
        <translation>Parentesco</translation>
    </message>
    <message>
        <location filename="../../app/ui/family_view.py" line="131"/>
        <source>Of</source>
        <translation>De quién</translation>
    </message>
    <message>
        <location filename="../../app/ui/family_view.py" line="131"/>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location filename="../../app/ui/family_view.py" line="131"/>
        <source>Provenance</source>
        <translation>Procedencia</translation>
    </message>
    <message>
        <location filename="../../app/ui/family_view.py" line="132"/>
        <source>Change history</source>
        <translation>Historial de cambios</translation>
    </message>
    <message>
        <location filename="../../app/ui/family_view.py" line="133"/>
        <source>When (UTC)</source>
        <translation>Cuándo (UTC)</translation>
    </message>
    <message>
        <location filename="../../app/ui/family_view.py" line="133"/>
        <source>By</source>
        <translation>Por</translation>
    </message>
    <message>
        <location filename="../../app/ui/family_view.py" line="133"/>
        <source>Change</source>
        <translation>Cambio</translation>
    </message>
    <message>
        <location filename="../../app/ui/family_view.py" line="133"/>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <location filename="../../app/ui/family_view.py" line="136"/>
        <source>People</source>
        <translation>Personas</translation>
    </message>
    <message>
        <location filename="../../app/ui/family_view.py" line="136"/>
        <source>Links</source>
        <translation>Vínculos</translation>
    </message>
    <message>
        <location filename="../../app/ui/family_view.py" line="136"/>
        <source>History</source>
        <translation>Historial</translation>
    </message>
    <message>
        <location filename="../../app/ui/family_view.py" line="138"/>
        <source>Record custody &amp;transfer…</source>
        <translation>Registrar &amp;traslado de custodia…</translation>
    </message>
    <message>
        <location filename="../../app/ui/family_view.py" line="139"/>
        <source>Record arri&amp;val…</source>
        <translation>Registrar lle&amp;gada…</translation>
    </message>
    <message>
        <location filename="../../app/ui/family_view.py" line="140"/>
        <source>Record se&amp;paration or contact…</source>
        <translation>Registrar se&amp;paración o contacto…</translation>
    </message>
    <message>
        <location filename="../../app/ui/family_view.py" line="144"/>
        <source>E&amp;xport FHIR… (Ctrl+Shift+E)</source>
        <translation>E&amp;xportar FHIR… (Ctrl+Mayús+E)</translation>
    </message>
    <message>
        <location filename="../../app/ui/family_view.py" line="145"/>
        <source>&amp;New family unit… (Ctrl+N)</source>
        <translation>&amp;Nueva unidad familiar… (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../app/ui/family_view.py" line="146"/>
        <source>Register a new family unit</source>
        <translation>Registrar una nueva unidad familiar</translation>
    </message>
    <message>
        <location filename="../../app/ui/family_view.py" line="201"/>
        <source>P&amp;ropose a correction…</source>
        <translation>P&amp;roponer una corrección…</translation>
    </message>
    <message>
        <location filename="../../app/ui/family_view.py" line="202"/>
        <source>Propose a lin&amp;k correction…</source>
        <translation>Proponer corrección de &amp;vínculo…</translation>
    </message>
    <message>
        <location filename="../../app/ui/family_view.py" line="204"/>
        <source>Co&amp;rrect person…</source>
        <translation>Co&amp;rregir persona…</translation>
    </message>
    <message>
        <location filename="../../app/ui/family_view.py" line="205"/>
        <source>Correct lin&amp;k…</source>
        <translation>Corregir &amp;vínculo…</translation>
    </message>
    <message>
        <location filename="../../app/ui/family_view.py" line="142"/>
        <location filename="../../app/ui/intake/saved_page.py" line="75"/>
        <source>Print &amp;bands… (Ctrl+P)</source>
        <translation>Imprimir &amp;brazaletes… (Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../../app/ui/family_view.py" line="143"/>
        <location filename="../../app/ui/intake/saved_page.py" line="76"/>
        <source>Put bands &amp;on… (Ctrl+B)</source>
        <translation>Po&amp;ner brazaletes… (Ctrl+B)</translation>
    </message>
    <message>
        <location filename="../../app/ui/family_view.py" line="161"/>
        <source>Search for a name or a band number, then select a person to see their family.</source>
        <translation>Busque un nombre o un número de brazalete y seleccione una persona para ver su familia.</translation>
    </message>
    <message>
        <location filename="../../app/ui/family_view.py" line="291"/>
        <source>Family %1</source>
        <translation>Familia %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/family_view.py" line="303"/>
        <source>Apprehended %1 at %2. Registered by %3 at station %4.</source>
        <translation>Aprehensión: %1 en %2. Registrado por %3 en la estación %4.</translation>
    </message>
    <message>
        <location filename="../../app/ui/family_view.py" line="314"/>
        <source>%1, pre-verbal</source>
        <translation>%1, preverbal</translation>
    </message>
    <message>
        <location filename="../../app/ui/family_view.py" line="317"/>
        <source>%1 (merged into another record)</source>
        <translation>%1 (fusionada con otro registro)</translation>
    </message>
    <message>
        <location filename="../../app/ui/family_view.py" line="328"/>
        <source>on the wrist</source>
        <translation>en la muñeca</translation>
    </message>
    <message>
        <location filename="../../app/ui/family_view.py" line="329"/>
        <source>printed</source>
        <translation>impreso</translation>
    </message>
    <message>
        <location filename="../../app/ui/family_view.py" line="329"/>
        <source>not printed</source>
        <translation>sin imprimir</translation>
    </message>
    <message>
        <location filename="../../app/ui/family_view.py" line="330"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location filename="../../app/ui/family_view.py" line="44"/>
        <source>in transit to station %1</source>
        <translation>en tránsito a la estación %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/family_view.py" line="45"/>
        <source>station %1</source>
        <translation>estación %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/family_view.py" line="51"/>
        <source>%1, reference %2</source>
        <translation>%1, referencia %2</translation>
    </message>
    <message>
        <location filename="../../app/ui/family_view.py" line="53"/>
        <source>%1 since %2</source>
        <translation>%1 desde %2</translation>
    </message>
    <message>
        <location filename="../../app/ui/family_view.py" line="346"/>
        <source>No links recorded</source>
        <translation>Sin vínculos registrados</translation>
    </message>
    <message>
        <location filename="../../app/ui/family_view.py" line="364"/>
        <source>%1 (×%2)</source>
        <translation>%1 (×%2)</translation>
    </message>
    <message>
        <location filename="../../app/ui/family_view.py" line="378"/>
        <source>%1 (%2: %3; %4: %5)</source>
        <translation>%1 (%2: %3; %4: %5)</translation>
    </message>
    <message>
        <location filename="../../app/ui/family_view.py" line="385"/>
        <source>%1 and %3: relationship not known</source>
        <translation>%1 y %3: parentesco desconocido</translation>
    </message>
    <message>
        <location filename="../../app/ui/family_view.py" line="386"/>
        <source>%1 is the %2 of %3</source>
        <translation>%1 es %2 de %3</translation>
    </message>
    <message>
        <location filename="../../app/ui/family_view.py" line="393"/>
        <source>Created %1</source>
        <translation>Creado: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/family_view.py" line="393"/>
        <source>Changed %1</source>
        <translation>Cambiado: %1</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <location filename="../../app/ui/first_run.py" line="50"/>
        <source>Kinlink — set up this station</source>
        <translation>Kinlink — configurar esta estación</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="51"/>
        <source>Set up this station</source>
        <translation>Configurar esta estación</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="52"/>
        <source>No station store was found in %1. Kinlink will create one there: it is encrypted, and only the users of this station can open it. You become its first admin.</source>
        <translation>No se encontró un almacén de estación en %1. Kinlink creará uno allí: está cifrado y solo los usuarios de esta estación pueden abrirlo. Usted será su primer administrador.</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="55"/>
        <source>Lower-case letters, digits, dots, dashes or underscores.</source>
        <translation>Minúsculas, dígitos, puntos, guiones o guiones bajos.</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="56"/>
        <source>At least 8 characters; 12 or more recommended. Spaces and whole sentences are welcome.</source>
        <translation>Al menos 8 caracteres; se recomiendan 12 o más. Se admiten espacios y frases completas.</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="59"/>
        <source>&amp;Station name</source>
        <translation>Nombre de la &amp;estación</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="59"/>
        <source>Station name</source>
        <translation>Nombre de la estación</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="59"/>
        <source>Station name problem</source>
        <translation>Problema con el nombre de la estación</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="60"/>
        <source>&amp;Admin user name</source>
        <translation>Usuario &amp;administrador</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="60"/>
        <source>Admin user name</source>
        <translation>Usuario administrador</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="60"/>
        <source>Admin user name problem</source>
        <translation>Problema con el usuario administrador</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="61"/>
        <source>&amp;Passphrase</source>
        <translation>&amp;Frase de contraseña</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="61"/>
        <source>Passphrase</source>
        <translation>Frase de contraseña</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="61"/>
        <source>Passphrase problem</source>
        <translation>Problema con la frase de contraseña</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="62"/>
        <source>&amp;Repeat passphrase</source>
        <translation>&amp;Repita la frase</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="62"/>
        <source>Repeat passphrase</source>
        <translation>Repita la frase de contraseña</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="63"/>
        <source>Repeat passphrase problem</source>
        <translation>Problema con la frase repetida</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="67"/>
        <source>Create station</source>
        <translation>Crear estación</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="68"/>
        <source>Quit</source>
        <translation>Salir</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="94"/>
        <source>The two passphrases differ. Type the same passphrase twice.</source>
        <translation>Las dos frases no coinciden. Escriba la misma frase dos veces.</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="100"/>
        <source>Creating the encrypted station store…</source>
        <translation>Creando el almacén cifrado de la estación…</translation>
    </message>
</context>
<context>
    <name>FormDialog</name>
    <message>
        <location filename="../../app/ui/forms.py" line="163"/>
        <source>Form message</source>
        <translation>Mensaje del formulario</translation>
    </message>
</context>
<context>
    <name>IdentityBundleBox</name>
    <message>
        <location filename="../../app/ui/intake/bundle_box.py" line="125"/>
        <source>Ca&amp;rried by</source>
        <translation>En bra&amp;zos de</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/bundle_box.py" line="126"/>
        <source>— not recorded —</source>
        <translation>— no registrado —</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/bundle_box.py" line="127"/>
        <source>P&amp;hoto</source>
        <translation>Fo&amp;to</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/bundle_box.py" line="128"/>
        <source>Path of a JPEG, PNG or WebP file; Enter loads it (empty: Enter chooses one)</source>
        <translation>Ruta de un archivo JPEG, PNG o WebP; Intro lo carga (vacío: Intro permite elegir uno)</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/bundle_box.py" line="130"/>
        <source>Ch&amp;oose…</source>
        <translation>Ele&amp;gir…</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/bundle_box.py" line="131"/>
        <source>Remove photo</source>
        <translation>Quitar foto</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/bundle_box.py" line="133"/>
        <source>Ta&amp;ke with the camera…</source>
        <translation>Tomar &amp;con la cámara…</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/bundle_box.py" line="134"/>
        <source>Take a photo with the camera</source>
        <translation>Tomar una foto con la cámara</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/bundle_box.py" line="135"/>
        <source>Up to 15 MB. Kept re-encoded, without location or camera data, only in the encrypted store.</source>
        <translation>Hasta 15 MB. Se guarda recodificada, sin ubicación ni datos de la cámara, solo en el almacén cifrado.</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/bundle_box.py" line="137"/>
        <source>Adult who carried the child</source>
        <translation>Adulto que llevaba al niño o la niña</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/bundle_box.py" line="138"/>
        <source>Photo file</source>
        <translation>Archivo de foto</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/bundle_box.py" line="139"/>
        <source>Choose a photo file</source>
        <translation>Elegir un archivo de foto</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/bundle_box.py" line="140"/>
        <source>Remove the photo</source>
        <translation>Quitar la foto</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/bundle_box.py" line="141"/>
        <source>Photo preview</source>
        <translation>Vista previa de la foto</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/bundle_box.py" line="142"/>
        <source>Problem with the photo</source>
        <translation>Problema con la foto</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/bundle_box.py" line="246"/>
        <source>This photo was not taken: %1</source>
        <translation>No se aceptó esta foto: %1</translation>
    </message>
</context>
<context>
    <name>Intake</name>
    <message>
        <location filename="../../app/ui/intake/choices.py" line="20"/>
        <source>Guatemala</source>
        <translation>Guatemala</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/choices.py" line="21"/>
        <source>Honduras</source>
        <translation>Honduras</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/choices.py" line="22"/>
        <source>El Salvador</source>
        <translation>El Salvador</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/choices.py" line="23"/>
        <source>Mexico</source>
        <translation>México</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/choices.py" line="24"/>
        <source>Ecuador</source>
        <translation>Ecuador</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/choices.py" line="25"/>
        <source>Nicaragua</source>
        <translation>Nicaragua</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/choices.py" line="32"/>
        <source>Spanish</source>
        <translation>Español</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/choices.py" line="33"/>
        <source>English</source>
        <translation>Inglés</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/choices.py" line="34"/>
        <source>Portuguese</source>
        <translation>Portugués</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/choices.py" line="35"/>
        <source>French</source>
        <translation>Francés</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/choices.py" line="36"/>
        <source>Haitian Creole</source>
        <translation>Criollo haitiano</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/choices.py" line="37"/>
        <source>K&apos;iche&apos;</source>
        <translation>K&apos;iche&apos;</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/choices.py" line="38"/>
        <source>Mam</source>
        <translation>Mam</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/choices.py" line="39"/>
        <source>Q&apos;anjob&apos;al</source>
        <translation>Q&apos;anjob&apos;al</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/choices.py" line="40"/>
        <source>Q&apos;eqchi&apos;</source>
        <translation>Q&apos;eqchi&apos;</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/choices.py" line="41"/>
        <source>Kaqchikel</source>
        <translation>Kaqchikel</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/choices.py" line="42"/>
        <source>Achi</source>
        <translation>Achi</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/choices.py" line="43"/>
        <source>Ixil</source>
        <translation>Ixil</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/choices.py" line="44"/>
        <source>Tz&apos;utujil</source>
        <translation>Tz&apos;utujil</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/choices.py" line="45"/>
        <source>Poqomchi&apos;</source>
        <translation>Poqomchi&apos;</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/choices.py" line="46"/>
        <source>Chuj</source>
        <translation>Chuj</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/choices.py" line="47"/>
        <source>Akateko</source>
        <translation>Akateko</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/choices.py" line="48"/>
        <source>Jakaltek (Popti&apos;)</source>
        <translation>Jakalteko (Popti&apos;)</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/choices.py" line="49"/>
        <source>Tseltal</source>
        <translation>Tseltal</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/choices.py" line="50"/>
        <source>Tsotsil</source>
        <translation>Tsotsil</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/choices.py" line="51"/>
        <source>Nahuatl</source>
        <translation>Náhuatl</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/choices.py" line="52"/>
        <source>Mixteco</source>
        <translation>Mixteco</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/choices.py" line="53"/>
        <source>Zapoteco</source>
        <translation>Zapoteco</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/choices.py" line="54"/>
        <source>Garifuna</source>
        <translation>Garífuna</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/choices.py" line="55"/>
        <source>Miskito</source>
        <translation>Misquito</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/choices.py" line="56"/>
        <source>Arabic</source>
        <translation>Árabe</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/choices.py" line="57"/>
        <source>Chinese</source>
        <translation>Chino</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/choices.py" line="58"/>
        <source>Hindi</source>
        <translation>Hindi</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/choices.py" line="59"/>
        <source>Punjabi</source>
        <translation>Panyabí</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/choices.py" line="60"/>
        <source>Russian</source>
        <translation>Ruso</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/choices.py" line="61"/>
        <source>Turkish</source>
        <translation>Turco</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/choices.py" line="62"/>
        <source>Ukrainian</source>
        <translation>Ucraniano</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/choices.py" line="63"/>
        <source>Wolof</source>
        <translation>Wólof</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/choices.py" line="69"/>
        <source>hair</source>
        <translation>pelo</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/choices.py" line="70"/>
        <source>eyes</source>
        <translation>ojos</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/choices.py" line="71"/>
        <source>marks</source>
        <translation>marcas</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/choices.py" line="72"/>
        <source>clothing</source>
        <translation>ropa</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/wording.py" line="27"/>
        <source>“%1” is a placeholder, not a name. Leave the names empty and tick “Name unknown”: the band number identifies the person.</source>
        <translation>«%1» es un marcador, no un nombre. Deje los nombres vacíos y marque «Nombre desconocido»: el número de brazalete identifica a la persona.</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/wording.py" line="29"/>
        <source>Too long: at most %1 characters.</source>
        <translation>Demasiado largo: como máximo %1 caracteres.</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/wording.py" line="30"/>
        <source>%1 is in the future.</source>
        <translation>%1 está en el futuro.</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/wording.py" line="31"/>
        <source>%1 is before %2: check the year.</source>
        <translation>%1 es anterior a %2: revise el año.</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/wording.py" line="32"/>
        <source>%1 is out of range: from %2 to %3.</source>
        <translation>%1 está fuera de rango: de %2 a %3.</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/wording.py" line="33"/>
        <source>An age estimate is between 0 and 120 years.</source>
        <translation>Una edad estimada está entre 0 y 120 años.</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/wording.py" line="34"/>
        <source>Write the date as YYYY-MM-DD, for example 2019-06-01.</source>
        <translation>Escriba la fecha como AAAA-MM-DD, por ejemplo 2019-06-01.</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/wording.py" line="35"/>
        <source>Choose one: %1.</source>
        <translation>Elija uno: %1.</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/wording.py" line="36"/>
        <source>Give a birth date or an age estimate, not both.</source>
        <translation>Indique una fecha de nacimiento o una edad estimada, no ambas.</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/wording.py" line="37"/>
        <source>Give both latitude and longitude, or neither.</source>
        <translation>Indique latitud y longitud, o ninguna de las dos.</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/wording.py" line="38"/>
        <source>Contains invisible control characters: type it again.</source>
        <translation>Contiene caracteres de control invisibles: escríbalo de nuevo.</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/wording.py" line="39"/>
        <source>Say where the encounter happened.</source>
        <translation>Indique dónde ocurrió el encuentro.</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/wording.py" line="40"/>
        <source>This time is in the future: check the date and the time.</source>
        <translation>Esta hora está en el futuro: revise la fecha y la hora.</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/wording.py" line="43"/>
        <source>%1 is registered as an adult but is %2: an adult is at least %3. Check the age, or register them as a child.</source>
        <translation>%1 está registrado como adulto pero tiene %2: un adulto tiene al menos %3. Revise la edad o regístrelo como niño o niña.</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/wording.py" line="45"/>
        <source>%1 is registered as an adult but is %2: a minor.</source>
        <translation>%1 está registrado como adulto pero tiene %2: es menor de edad.</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/wording.py" line="46"/>
        <source>%1 is registered as a child but is %2: a child is under %3. Check the birth date or the age, or register them as an adult.</source>
        <translation>%1 está registrado como niño o niña pero tiene %2: un niño tiene menos de %3. Revise la fecha de nacimiento o la edad, o regístrelo como adulto.</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/wording.py" line="48"/>
        <source>%1 is registered as a child but is %2: an adult.</source>
        <translation>%1 está registrado como niño o niña pero tiene %2: es adulto.</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/wording.py" line="49"/>
        <source>%1 is an adult marked pre-verbal (cannot yet say who they are).</source>
        <translation>%1 es un adulto marcado como preverbal (todavía no puede decir quién es).</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/wording.py" line="50"/>
        <source>%1 is marked pre-verbal at %2.</source>
        <translation>%1 está marcado como preverbal con %2.</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/wording.py" line="51"/>
        <source>%1 is the %2 of %3, but is registered as a child.</source>
        <translation>%1 figura como %2 de %3, pero está registrado como niño o niña.</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/wording.py" line="52"/>
        <source>%1 is the %2 of %3, but is not %4 years older. Check the ages or the relationship.</source>
        <translation>%1 figura como %2 de %3, pero no tiene %4 años más. Revise las edades o el parentesco.</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/wording.py" line="54"/>
        <source>%1 is the %2 of %3, only %4 years older.</source>
        <translation>%1 figura como %2 de %3 y solo tiene %4 años más.</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/wording.py" line="55"/>
        <source>%1 years old</source>
        <translation>%1 años</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/wording.py" line="56"/>
        <source>about %1 years old</source>
        <translation>unos %1 años</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/wording.py" line="57"/>
        <source>Type the name without quotes.</source>
        <translation>Escriba el nombre sin comillas.</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/wording.py" line="58"/>
        <source>This is not a name: type the name as it is given.</source>
        <translation>Esto no es un nombre: escriba el nombre tal como lo dan.</translation>
    </message>
</context>
<context>
    <name>IntakeWizard</name>
    <message>
        <location filename="../../app/ui/intake/wizard.py" line="129"/>
        <source>New encounter</source>
        <translation>Nuevo registro</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/wizard.py" line="130"/>
        <source>1 Encounter</source>
        <translation>1 Encuentro</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/wizard.py" line="130"/>
        <source>2 People</source>
        <translation>2 Personas</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/wizard.py" line="131"/>
        <source>3 Relationships</source>
        <translation>3 Parentescos</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/wizard.py" line="131"/>
        <source>4 Review</source>
        <translation>4 Revisión</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/wizard.py" line="134"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/wizard.py" line="135"/>
        <source>&amp;Back</source>
        <translation>&amp;Volver</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/wizard.py" line="136"/>
        <source>&amp;Next</source>
        <translation>&amp;Siguiente</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/wizard.py" line="137"/>
        <source>Sa&amp;ve family</source>
        <translation>&amp;Guardar familia</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/wizard.py" line="138"/>
        <source>Discard this encounter (Escape)</source>
        <translation>Descartar este encuentro (Escape)</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/wizard.py" line="139"/>
        <source>Next step (Alt+N or Ctrl+Return)</source>
        <translation>Paso siguiente (Alt+S o Ctrl+Intro)</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/wizard.py" line="140"/>
        <source>Previous step (Alt+B); nothing typed is lost</source>
        <translation>Paso anterior (Alt+V); no se pierde nada de lo escrito</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/wizard.py" line="141"/>
        <source>Register the family unit (Alt+V or Ctrl+Return)</source>
        <translation>Registrar la unidad familiar (Alt+G o Ctrl+Intro)</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/wizard.py" line="142"/>
        <source>Problem with the registration</source>
        <translation>Problema con el registro</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/wizard.py" line="169"/>
        <source>%1 (current step)</source>
        <translation>%1 (paso actual)</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/wizard.py" line="248"/>
        <source>Add at least one person: an adult (Ctrl+Shift+A) or a child (Ctrl+Shift+C).</source>
        <translation>Añada al menos una persona: un adulto (Ctrl+Mayús+A) o un menor (Ctrl+Mayús+C).</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/wizard.py" line="295"/>
        <source>Type the names as given, or tick “Name unknown”.</source>
        <translation>Escriba los nombres tal como se los dieron, o marque «Nombre desconocido».</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/wizard.py" line="297"/>
        <source>Tick “Arrived without an adult” for %1 — or go back and add the adults this child arrived with.</source>
        <translation>Marque «Llegó sin un adulto» para %1, o vuelva atrás y añada los adultos con quienes llegó.</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/wizard.py" line="300"/>
        <source>Choose how %1 is related to %2 — or choose “%3”.</source>
        <translation>Elija qué parentesco tiene %1 con %2, o elija «%3».</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/wizard.py" line="347"/>
        <source>A photo is still being loaded; save again in a moment.</source>
        <translation>Todavía se está cargando una foto; vuelva a guardar en un momento.</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/wizard.py" line="393"/>
        <source>Saving the family unit…</source>
        <translation>Guardando la unidad familiar…</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/wizard.py" line="435"/>
        <source>Discard this encounter? Everything typed for it will be lost.</source>
        <translation>¿Descartar este encuentro? Se perderá todo lo escrito.</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/wizard.py" line="443"/>
        <source>Kinlink</source>
        <translation>Kinlink</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/wizard.py" line="462"/>
        <source>Remove %1 and everything typed for them?</source>
        <translation>¿Quitar a %1 y todo lo escrito sobre esta persona?</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../app/ui/family_view.py" line="420"/>
        <location filename="../../app/ui/person_pane.py" line="129"/>
        <source>a person of another family</source>
        <translation>una persona de otra familia</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="22"/>
        <source>mother</source>
        <translation>madre</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="23"/>
        <source>father</source>
        <translation>padre</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="24"/>
        <source>legal guardian</source>
        <translation>tutor legal</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="25"/>
        <source>grandparent</source>
        <translation>abuelo o abuela</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="26"/>
        <source>sibling</source>
        <translation>hermano o hermana</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="27"/>
        <source>aunt or uncle</source>
        <translation>tío o tía</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="28"/>
        <source>other relative</source>
        <translation>otro familiar</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="29"/>
        <source>unrelated adult</source>
        <translation>adulto sin parentesco</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="30"/>
        <source>relationship unknown</source>
        <translation>parentesco desconocido</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="33"/>
        <source>together</source>
        <translation>juntos</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="34"/>
        <source>separated</source>
        <translation>separados</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="35"/>
        <source>in contact</source>
        <translation>en contacto</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="36"/>
        <source>reunified</source>
        <translation>reunificados</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="37"/>
        <source>closed without reunification</source>
        <translation>cerrado sin reunificación</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="38"/>
        <source>contact</source>
        <translation>contacto</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="41"/>
        <source>phone call</source>
        <translation>llamada telefónica</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="42"/>
        <source>video call</source>
        <translation>videollamada</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="43"/>
        <source>visit</source>
        <translation>visita</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="46"/>
        <source>claimed</source>
        <translation>declarado</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="47"/>
        <source>observed at apprehension</source>
        <translation>observado en la aprehensión</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="48"/>
        <source>document-verified</source>
        <translation>verificado con documentos</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="49"/>
        <source>DNA-verified</source>
        <translation>verificado por ADN</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="52"/>
        <source>ICE</source>
        <translation>ICE</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="53"/>
        <source>HHS/ORR shelter</source>
        <translation>albergue de HHS/ORR</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="54"/>
        <source>released to sponsor</source>
        <translation>entregado a un patrocinador</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="55"/>
        <source>removed</source>
        <translation>deportado</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="56"/>
        <source>a Kinlink station</source>
        <translation>una estación Kinlink</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="57"/>
        <source>not known</source>
        <translation>desconocida</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="60"/>
        <source>adult</source>
        <translation>adulto</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="61"/>
        <source>child</source>
        <translation>niño o niña</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="64"/>
        <location filename="../../app/ui/labels.py" line="100"/>
        <source>agent</source>
        <translation>agente</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="65"/>
        <source>supervisor</source>
        <translation>supervisor</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="66"/>
        <source>admin</source>
        <translation>administrador</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="69"/>
        <source>female</source>
        <translation>femenino</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="70"/>
        <source>male</source>
        <translation>masculino</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="71"/>
        <source>other</source>
        <translation>otro</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="72"/>
        <source>unknown</source>
        <translation>desconocido</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="75"/>
        <source>boy</source>
        <translation>niño</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="76"/>
        <source>girl</source>
        <translation>niña</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="77"/>
        <source>man</source>
        <translation>hombre</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="78"/>
        <source>woman</source>
        <translation>mujer</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="81"/>
        <source>encounter</source>
        <translation>encuentro</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="82"/>
        <source>family unit</source>
        <translation>unidad familiar</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="83"/>
        <source>person</source>
        <translation>persona</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="84"/>
        <source>link</source>
        <translation>vínculo</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="85"/>
        <source>link event</source>
        <translation>evento de vínculo</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="86"/>
        <source>custody</source>
        <translation>custodia</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="87"/>
        <source>band</source>
        <translation>brazalete</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="96"/>
        <source>occurred at</source>
        <translation>fecha y hora</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="97"/>
        <source>place</source>
        <translation>lugar</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="98"/>
        <source>latitude</source>
        <translation>latitud</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="99"/>
        <source>longitude</source>
        <translation>longitud</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="101"/>
        <source>station</source>
        <translation>estación</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="102"/>
        <source>recorded at</source>
        <translation>registrado el</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="103"/>
        <source>encounter id</source>
        <translation>encuentro</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="104"/>
        <source>number</source>
        <translation>número</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="105"/>
        <source>status</source>
        <translation>estado</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="106"/>
        <source>family id</source>
        <translation>unidad familiar</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="107"/>
        <source>role</source>
        <translation>papel</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="108"/>
        <source>given names</source>
        <translation>nombres</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="109"/>
        <source>family names</source>
        <translation>apellidos</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="110"/>
        <source>sex</source>
        <translation>sexo</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="111"/>
        <source>birth date</source>
        <translation>fecha de nacimiento</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="112"/>
        <source>age estimate years</source>
        <translation>edad estimada (años)</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="113"/>
        <source>nationality</source>
        <translation>nacionalidad</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="114"/>
        <source>languages</source>
        <translation>idiomas</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="115"/>
        <source>preverbal</source>
        <translation>preverbal</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="116"/>
        <source>description</source>
        <translation>descripción</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="117"/>
        <source>documents</source>
        <translation>documentos</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="118"/>
        <source>arrived without adult</source>
        <translation>llegó sin un adulto</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="119"/>
        <source>carried by</source>
        <translation>llevado por</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="120"/>
        <source>merged into</source>
        <translation>fusionada con</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="121"/>
        <source>from person</source>
        <translation>persona (desde)</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="122"/>
        <source>to person</source>
        <translation>persona (hacia)</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="123"/>
        <source>relationship</source>
        <translation>parentesco</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="124"/>
        <source>kind</source>
        <translation>tipo</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="125"/>
        <source>agency</source>
        <translation>agencia</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="126"/>
        <source>writer</source>
        <translation>escrito por</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="127"/>
        <source>writer agency</source>
        <translation>agencia de quien lo escribió</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="128"/>
        <source>writer facility</source>
        <translation>centro de quien lo escribió</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="129"/>
        <source>arrival of</source>
        <translation>llegada de</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="130"/>
        <source>policy version</source>
        <translation>versión de la política</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="131"/>
        <source>provenance</source>
        <translation>procedencia</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="132"/>
        <source>state</source>
        <translation>estado del vínculo</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="133"/>
        <source>link id</source>
        <translation>vínculo</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="134"/>
        <source>reason</source>
        <translation>motivo</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="135"/>
        <source>officer</source>
        <translation>agente que autoriza</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="136"/>
        <source>from side</source>
        <translation>a dónde va la primera persona</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="137"/>
        <source>to side</source>
        <translation>a dónde va la segunda persona</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="138"/>
        <source>person id</source>
        <translation>persona</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="139"/>
        <source>location</source>
        <translation>ubicación</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="140"/>
        <source>receiving party</source>
        <translation>parte receptora</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="141"/>
        <source>reference</source>
        <translation>referencia</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="142"/>
        <source>since</source>
        <translation>desde</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="143"/>
        <source>void reason</source>
        <translation>motivo de anulación</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="144"/>
        <source>reprints</source>
        <translation>reimpresiones</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="145"/>
        <source>issued on</source>
        <translation>emitido el</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="146"/>
        <source>printed at</source>
        <translation>impreso el</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="147"/>
        <source>attached at</source>
        <translation>colocado el</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="148"/>
        <source>taken at</source>
        <translation>tomada el</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="149"/>
        <source>source</source>
        <translation>origen</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="150"/>
        <source>width</source>
        <translation>ancho</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="151"/>
        <source>height</source>
        <translation>alto</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="152"/>
        <source>sha256</source>
        <translation>sha256</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="153"/>
        <source>data</source>
        <translation>imagen</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="177"/>
        <source>Name unknown</source>
        <translation>Nombre desconocido</translation>
    </message>
    <message>
        <location filename="../../app/ui/person_pane.py" line="126"/>
        <source>%1 (band %2)</source>
        <translation>%1 (brazalete %2)</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="222"/>
        <source>born %1</source>
        <translation>nació el %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="232"/>
        <source>age about 1 month</source>
        <translation>edad aprox. 1 mes</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="233"/>
        <source>age about %1 months</source>
        <translation>edad aprox. %1 meses</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="229"/>
        <location filename="../../app/ui/labels.py" line="234"/>
        <source>age about %1</source>
        <translation>edad aprox. %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="193"/>
        <location filename="../../app/ui/labels.py" line="217"/>
        <source>band %1</source>
        <translation>brazalete %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="194"/>
        <location filename="../../app/ui/labels.py" line="207"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="212"/>
        <source>family unit %1</source>
        <translation>unidad familiar %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="276"/>
        <source>yes</source>
        <translation>sí</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="276"/>
        <source>no</source>
        <translation>no</translation>
    </message>
</context>
<context>
    <name>LinkStateDialog</name>
    <message>
        <location filename="../../app/ui/custody_dialogs.py" line="324"/>
        <source>Kinlink — family link</source>
        <translation>Kinlink — vínculo familiar</translation>
    </message>
    <message>
        <location filename="../../app/ui/custody_dialogs.py" line="325"/>
        <source>Record a separation, contact or reunification</source>
        <translation>Registrar una separación, contacto o reunificación</translation>
    </message>
    <message>
        <location filename="../../app/ui/custody_dialogs.py" line="326"/>
        <source>Link: %1. Now: %2. The link itself is kept; this is a record on it.</source>
        <translation>Vínculo: %1. Ahora: %2. El vínculo se conserva; esto es un registro sobre él.</translation>
    </message>
    <message>
        <location filename="../../app/ui/custody_dialogs.py" line="331"/>
        <source>contact: %1</source>
        <translation>contacto: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/custody_dialogs.py" line="333"/>
        <source>&amp;New state</source>
        <translation>&amp;Nuevo estado</translation>
    </message>
    <message>
        <location filename="../../app/ui/custody_dialogs.py" line="333"/>
        <source>New state</source>
        <translation>Nuevo estado</translation>
    </message>
    <message>
        <location filename="../../app/ui/custody_dialogs.py" line="333"/>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <location filename="../../app/ui/custody_dialogs.py" line="333"/>
        <source>Rea&amp;son</source>
        <translation>&amp;Motivo</translation>
    </message>
    <message>
        <location filename="../../app/ui/custody_dialogs.py" line="334"/>
        <source>Authorising &amp;officer</source>
        <translation>&amp;Funcionario que autoriza</translation>
    </message>
    <message>
        <location filename="../../app/ui/custody_dialogs.py" line="334"/>
        <source>Authorising officer</source>
        <translation>Funcionario que autoriza</translation>
    </message>
    <message>
        <location filename="../../app/ui/custody_dialogs.py" line="342"/>
        <source>Where %1 goes</source>
        <translation>Adónde va %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/custody_dialogs.py" line="356"/>
        <location filename="../../app/ui/custody_dialogs.py" line="366"/>
        <source>Recording…</source>
        <translation>Registrando…</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <location filename="../../app/ui/lock_screen.py" line="39"/>
        <source>Station locked</source>
        <translation>Estación bloqueada</translation>
    </message>
    <message>
        <location filename="../../app/ui/lock_screen.py" line="40"/>
        <source>This station is locked</source>
        <translation>Esta estación está bloqueada</translation>
    </message>
    <message>
        <location filename="../../app/ui/lock_screen.py" line="41"/>
        <source>Locked by %1. Type the passphrase of %1 to go back to the work as it was left.</source>
        <translation>Bloqueada por %1. Escriba la frase de contraseña de %1 para volver al trabajo tal como quedó.</translation>
    </message>
    <message>
        <location filename="../../app/ui/lock_screen.py" line="43"/>
        <source>Station: %1</source>
        <translation>Estación: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/lock_screen.py" line="44"/>
        <source>&amp;Passphrase</source>
        <translation>&amp;Frase de contraseña</translation>
    </message>
    <message>
        <location filename="../../app/ui/lock_screen.py" line="45"/>
        <source>Passphrase</source>
        <translation>Frase de contraseña</translation>
    </message>
    <message>
        <location filename="../../app/ui/lock_screen.py" line="46"/>
        <source>Unlock problem</source>
        <translation>Problema al desbloquear</translation>
    </message>
    <message>
        <location filename="../../app/ui/lock_screen.py" line="47"/>
        <source>&amp;Unlock</source>
        <translation>&amp;Desbloquear</translation>
    </message>
    <message>
        <location filename="../../app/ui/lock_screen.py" line="48"/>
        <source>Sign in as &amp;someone else</source>
        <translation>Entrar como &amp;otra persona</translation>
    </message>
    <message>
        <location filename="../../app/ui/lock_screen.py" line="49"/>
        <source>Closes the locked session; its unsaved work is dropped.</source>
        <translation>Cierra la sesión bloqueada; se pierde el trabajo sin guardar.</translation>
    </message>
    <message>
        <location filename="../../app/ui/lock_screen.py" line="84"/>
        <source>Checking the passphrase…</source>
        <translation>Comprobando la frase de contraseña…</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../app/ui/login.py" line="45"/>
        <source>Kinlink — sign in</source>
        <translation>Kinlink — iniciar sesión</translation>
    </message>
    <message>
        <location filename="../../app/ui/login.py" line="47"/>
        <source>Sign in to %1</source>
        <translation>Iniciar sesión en %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/login.py" line="48"/>
        <source>Sign in to this station</source>
        <translation>Iniciar sesión en esta estación</translation>
    </message>
    <message>
        <location filename="../../app/ui/login.py" line="49"/>
        <source>&amp;User name</source>
        <translation>&amp;Usuario</translation>
    </message>
    <message>
        <location filename="../../app/ui/login.py" line="50"/>
        <source>&amp;Passphrase</source>
        <translation>&amp;Frase de contraseña</translation>
    </message>
    <message>
        <location filename="../../app/ui/login.py" line="51"/>
        <source>User name</source>
        <translation>Usuario</translation>
    </message>
    <message>
        <location filename="../../app/ui/login.py" line="52"/>
        <source>Passphrase</source>
        <translation>Frase de contraseña</translation>
    </message>
    <message>
        <location filename="../../app/ui/login.py" line="53"/>
        <source>Sign-in problem</source>
        <translation>Problema al iniciar sesión</translation>
    </message>
    <message>
        <location filename="../../app/ui/login.py" line="54"/>
        <source>Sign in</source>
        <translation>Entrar</translation>
    </message>
    <message>
        <location filename="../../app/ui/login.py" line="55"/>
        <source>Quit</source>
        <translation>Salir</translation>
    </message>
    <message>
        <location filename="../../app/ui/login.py" line="73"/>
        <source>Unlocking the station store…</source>
        <translation>Abriendo el almacén de la estación…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../app/ui/main_window.py" line="142"/>
        <source>Kinlink — %1</source>
        <translation>Kinlink — %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="146"/>
        <location filename="../../app/ui/window_lock.py" line="73"/>
        <source>Kinlink — locked</source>
        <translation>Kinlink — bloqueado</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="147"/>
        <source>Search people</source>
        <translation>Buscar personas</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="148"/>
        <source>Name, band number or scan</source>
        <translation>Nombre, número de brazalete o escaneo</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="149"/>
        <source>Search</source>
        <translation>Buscar</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="151"/>
        <source>Search message</source>
        <translation>Mensaje de la búsqueda</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="152"/>
        <source>Search results</source>
        <translation>Resultados de la búsqueda</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="153"/>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="153"/>
        <source>Band</source>
        <translation>Brazalete</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="153"/>
        <location filename="../../app/ui/main_window.py" line="157"/>
        <source>Family</source>
        <translation>Familia</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_actions.py" line="79"/>
        <source>&amp;Find a person</source>
        <translation>&amp;Buscar una persona</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="156"/>
        <source>Today&apos;s family units</source>
        <translation>Unidades familiares de hoy</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="157"/>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="158"/>
        <source>Place</source>
        <translation>Lugar</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="157"/>
        <source>People</source>
        <translation>Personas</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="135"/>
        <source>Ready. Ctrl+N registers a family unit, Ctrl+F finds a person, Ctrl+L locks.</source>
        <translation>Listo. Ctrl+N registra una unidad familiar, Ctrl+F busca a una persona, Ctrl+L bloquea.</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="154"/>
        <source>F&amp;ind a person</source>
        <translation>Bus&amp;car una persona</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="155"/>
        <source>Toda&amp;y&apos;s family units</source>
        <translation>Unidades familiares de &amp;hoy</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="157"/>
        <source>Separated</source>
        <translation>Separados</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="158"/>
        <source>Bands on</source>
        <translation>Brazaletes puestos</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_actions.py" line="53"/>
        <source>&amp;Station</source>
        <translation>&amp;Estación</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_actions.py" line="74"/>
        <source>A&amp;bout Kinlink</source>
        <translation>Acerca &amp;de Kinlink</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_actions.py" line="78"/>
        <source>&amp;Edit</source>
        <translation>E&amp;dición</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_actions.py" line="84"/>
        <source>&amp;Family</source>
        <translation>&amp;Familia</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_actions.py" line="119"/>
        <source>&amp;Language</source>
        <translation>&amp;Idioma</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_actions.py" line="54"/>
        <source>&amp;Sync now</source>
        <translation>Sincronizar &amp;ahora</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_actions.py" line="56"/>
        <source>&amp;Conflicts…</source>
        <translation>Con&amp;flictos…</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_actions.py" line="57"/>
        <source>Ctrl+Shift+K</source>
        <translation>Ctrl+Shift+K</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_actions.py" line="59"/>
        <source>&amp;Proposed corrections…</source>
        <translation>Correcciones &amp;propuestas…</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_actions.py" line="61"/>
        <source>&amp;Audit log…</source>
        <translation>Re&amp;gistro de auditoría…</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_actions.py" line="62"/>
        <source>Ctrl+Shift+U</source>
        <translation>Ctrl+Shift+U</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_actions.py" line="64"/>
        <source>&amp;Users…</source>
        <translation>&amp;Usuarios…</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_actions.py" line="67"/>
        <source>&amp;Lock</source>
        <translation>&amp;Bloquear</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_actions.py" line="68"/>
        <source>Ctrl+L</source>
        <translation>Ctrl+L</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_actions.py" line="69"/>
        <source>Sign &amp;out</source>
        <translation>&amp;Cerrar sesión</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_actions.py" line="70"/>
        <source>Ctrl+Shift+L</source>
        <translation>Ctrl+Shift+L</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_actions.py" line="71"/>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_actions.py" line="85"/>
        <source>&amp;New encounter…</source>
        <translation>&amp;Nuevo registro…</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_actions.py" line="86"/>
        <source>Ctrl+N</source>
        <translation>Ctrl+N</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_actions.py" line="89"/>
        <source>&amp;Check bands…</source>
        <translation>&amp;Comprobar brazaletes…</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_actions.py" line="90"/>
        <source>Ctrl+K</source>
        <translation>Ctrl+K</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_actions.py" line="91"/>
        <source>&amp;Print bands…</source>
        <translation>&amp;Imprimir brazaletes…</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_actions.py" line="92"/>
        <source>Ctrl+P</source>
        <translation>Ctrl+P</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_actions.py" line="94"/>
        <source>Put bands &amp;on…</source>
        <translation>Po&amp;ner brazaletes…</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_actions.py" line="95"/>
        <source>Ctrl+B</source>
        <translation>Ctrl+B</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_actions.py" line="97"/>
        <source>&amp;Reunification board…</source>
        <translation>&amp;Tablero de reunificación…</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_actions.py" line="98"/>
        <source>Ctrl+Shift+R</source>
        <translation>Ctrl+Shift+R</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_actions.py" line="100"/>
        <source>&amp;Export FHIR…</source>
        <translation>&amp;Exportar FHIR…</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_actions.py" line="101"/>
        <source>Ctrl+Shift+E</source>
        <translation>Ctrl+Shift+E</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_actions.py" line="105"/>
        <source>&amp;Void the selected person&apos;s band…</source>
        <translation>&amp;Anular el brazalete de la persona seleccionada…</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_actions.py" line="108"/>
        <source>&amp;Issue a new band to the selected person…</source>
        <translation>&amp;Emitir un brazalete nuevo a la persona seleccionada…</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_actions.py" line="111"/>
        <source>&amp;Merge or split the selected person&apos;s record…</source>
        <translation>&amp;Fusionar o separar el registro de la persona seleccionada…</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_actions.py" line="114"/>
        <source>Move the selected person to &amp;another family unit…</source>
        <translation>Mover a la persona seleccionada a &amp;otra unidad familiar…</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_actions.py" line="189"/>
        <source>Signed in as %1 (%2)</source>
        <translation>Sesión de %1 (%2)</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_actions.py" line="191"/>
        <source>Signed-in user</source>
        <translation>Usuario con sesión</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_actions.py" line="192"/>
        <source>Lock</source>
        <translation>Bloquear</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_actions.py" line="193"/>
        <source>Lock the station (Ctrl+L)</source>
        <translation>Bloquear la estación (Ctrl+L)</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_actions.py" line="194"/>
        <source>Lock the station</source>
        <translation>Bloquear la estación</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_actions.py" line="200"/>
        <source>Family %1 exported to %2.</source>
        <translation>Familia %1 exportada a %2.</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_actions.py" line="209"/>
        <source>About Kinlink</source>
        <translation>Acerca de Kinlink</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_actions.py" line="215"/>
        <source>&lt;b&gt;Kinlink %1&lt;/b&gt;&lt;br&gt;Family registration and wristbands</source>
        <translation>&lt;b&gt;Kinlink %1&lt;/b&gt;&lt;br&gt;Registro de familias y pulseras</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_actions.py" line="220"/>
        <source>Sync protocol %1&lt;br&gt;Station %2 (%3)&lt;br&gt;Data folder %4&lt;br&gt;Qt %5, Python %6</source>
        <translation>Protocolo de sincronización %1&lt;br&gt;Estación %2 (%3)&lt;br&gt;Carpeta de datos %4&lt;br&gt;Qt %5, Python %6</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_actions.py" line="228"/>
        <source>Open a family unit first: search for a name or scan a band.</source>
        <translation>Abra primero una unidad familiar: busque un nombre o escanee un brazalete.</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_actions.py" line="246"/>
        <source>Select a person in the family shown first.</source>
        <translation>Primero seleccione una persona de la familia que se muestra.</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="444"/>
        <source>%1 has no valid band to void.</source>
        <translation>%1 no tiene un brazalete válido que anular.</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="451"/>
        <source>%1&apos;s band %2 is still valid: void it first.</source>
        <translation>El brazalete %2 de %1 sigue siendo válido: anúlelo primero.</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="410"/>
        <source>%1 of %2</source>
        <translation>%1 de %2</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="323"/>
        <source>Band %1 scanned.</source>
        <translation>Brazalete %1 escaneado.</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="493"/>
        <source>Recorded.</source>
        <translation>Registrado.</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="236"/>
        <source>Family unit %1 saved.</source>
        <translation>Unidad familiar %1 guardada.</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_lock.py" line="103"/>
        <source>Wrong passphrase.</source>
        <translation>Frase de contraseña incorrecta.</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="269"/>
        <source>Searching…</source>
        <translation>Buscando…</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="283"/>
        <source>No one found. Check the spelling, or try the band number.</source>
        <translation>No se encontró a nadie. Revise la ortografía o pruebe con el número de brazalete.</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="285"/>
        <source>Search results: %1</source>
        <translation>Resultados: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="497"/>
        <source>Something went wrong (reference %1).</source>
        <translation>Algo salió mal (referencia %1).</translation>
    </message>
</context>
<context>
    <name>MergeDialog</name>
    <message>
        <location filename="../../app/ui/merge_dialog.py" line="48"/>
        <source>Kinlink — split a merged record</source>
        <translation>Kinlink — separar un registro fusionado</translation>
    </message>
    <message>
        <location filename="../../app/ui/merge_dialog.py" line="49"/>
        <source>Split %1 from the record it was merged into</source>
        <translation>Separar a %1 del registro con el que se fusionó</translation>
    </message>
    <message>
        <location filename="../../app/ui/merge_dialog.py" line="50"/>
        <source>This record stands alone again, exactly as it was before the merge.</source>
        <translation>Este registro vuelve a quedar solo, exactamente como estaba antes de la fusión.</translation>
    </message>
    <message>
        <location filename="../../app/ui/merge_dialog.py" line="51"/>
        <source>&amp;Split</source>
        <translation>&amp;Separar</translation>
    </message>
    <message>
        <location filename="../../app/ui/merge_dialog.py" line="54"/>
        <source>Kinlink — merge two records</source>
        <translation>Kinlink — fusionar dos registros</translation>
    </message>
    <message>
        <location filename="../../app/ui/merge_dialog.py" line="55"/>
        <source>Merge %1 into another record</source>
        <translation>Fusionar a %1 con otro registro</translation>
    </message>
    <message>
        <location filename="../../app/ui/merge_dialog.py" line="56"/>
        <source>For one person registered twice. Both records keep their links, bands, custody and history; this record&apos;s bands lead to the other.</source>
        <translation>Para una persona registrada dos veces. Ambos registros conservan sus vínculos, brazaletes, custodia e historial; los brazaletes de este registro llevan al otro.</translation>
    </message>
    <message>
        <location filename="../../app/ui/merge_dialog.py" line="58"/>
        <source>&amp;Merge</source>
        <translation>&amp;Fusionar</translation>
    </message>
    <message>
        <location filename="../../app/ui/merge_dialog.py" line="59"/>
        <source>A split undoes it.</source>
        <translation>Separarlos lo deshace.</translation>
    </message>
    <message>
        <location filename="../../app/ui/merge_dialog.py" line="61"/>
        <source>&amp;Record that stays</source>
        <translation>Registro que &amp;queda</translation>
    </message>
    <message>
        <location filename="../../app/ui/merge_dialog.py" line="61"/>
        <source>Record that stays</source>
        <translation>Registro que queda</translation>
    </message>
    <message>
        <location filename="../../app/ui/merge_dialog.py" line="62"/>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <location filename="../../app/ui/merge_dialog.py" line="62"/>
        <source>Rea&amp;son</source>
        <translation>&amp;Motivo</translation>
    </message>
    <message>
        <location filename="../../app/ui/merge_dialog.py" line="65"/>
        <source>Its band number (scan it) or id</source>
        <translation>Su número de brazalete (escanéelo) o id</translation>
    </message>
    <message>
        <location filename="../../app/ui/merge_dialog.py" line="76"/>
        <source>Splitting…</source>
        <translation>Separando…</translation>
    </message>
    <message>
        <location filename="../../app/ui/merge_dialog.py" line="80"/>
        <source>Merging…</source>
        <translation>Fusionando…</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <location filename="../../app/ui/messages.py" line="24"/>
        <source>register families</source>
        <translation>registrar familias</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="25"/>
        <source>read family records</source>
        <translation>leer registros de familias</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="26"/>
        <source>print bands</source>
        <translation>imprimir brazaletes</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="27"/>
        <source>record custody and separations</source>
        <translation>registrar custodias y separaciones</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="28"/>
        <source>propose corrections</source>
        <translation>proponer correcciones</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="29"/>
        <source>correct records</source>
        <translation>corregir registros</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="30"/>
        <source>resolve conflicts</source>
        <translation>resolver conflictos</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="31"/>
        <source>merge records</source>
        <translation>fusionar registros</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="32"/>
        <source>void bands</source>
        <translation>anular brazaletes</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="33"/>
        <source>release locked users</source>
        <translation>desbloquear usuarios</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="34"/>
        <source>release locked admins</source>
        <translation>desbloquear administradores bloqueados</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="35"/>
        <source>manage users</source>
        <translation>administrar usuarios</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="36"/>
        <source>change station settings</source>
        <translation>cambiar la configuración de la estación</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="37"/>
        <source>enrol the station</source>
        <translation>inscribir la estación</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="38"/>
        <source>check the audit chain</source>
        <translation>comprobar la cadena de auditoría</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="42"/>
        <source>Wrong user name or passphrase.</source>
        <translation>Usuario o frase de contraseña incorrectos.</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="43"/>
        <source>This account is locked after repeated failed sign-ins. A supervisor or admin must release it.</source>
        <translation>Esta cuenta está bloqueada tras varios intentos fallidos. Un supervisor o administrador debe desbloquearla.</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="45"/>
        <source>This account&apos;s key in the station&apos;s key file is not the one the station last gave it (a copy was put back?). Ask an admin to set a new passphrase for it.</source>
        <translation>La clave de esta cuenta en el archivo de claves de la estación no es la última que la estación le dio (¿se repuso una copia?). Pida a un administrador que le asigne una nueva frase de contraseña.</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="48"/>
        <source>This account is disabled. Ask an admin of this station.</source>
        <translation>Esta cuenta está desactivada. Consulte a un administrador de esta estación.</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="50"/>
        <source>There is no station store in this data folder.</source>
        <translation>No hay un almacén de estación en esta carpeta de datos.</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="51"/>
        <source>A station store already exists in this data folder. Nothing was changed.</source>
        <translation>Ya existe un almacén de estación en esta carpeta de datos. No se cambió nada.</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="53"/>
        <source>The station&apos;s key file is damaged or belongs to another store. Nothing was changed.</source>
        <translation>El archivo de claves de la estación está dañado o pertenece a otro almacén. No se cambió nada.</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="55"/>
        <source>The station store could not be opened: the store or its key file is damaged.</source>
        <translation>No se pudo abrir el almacén de la estación: el almacén o su archivo de claves está dañado.</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="57"/>
        <source>That record is not in this station&apos;s records.</source>
        <translation>Ese registro no está en los registros de esta estación.</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="77"/>
        <source>The station store %1 is damaged or was replaced: it does not open with this station&apos;s key. Nothing was changed. Put it back from a backup of the data folder, or ask support about the copy kept before the last upgrade.</source>
        <translation>El almacén de la estación %1 está dañado o fue reemplazado: no se abre con la clave de esta estación. No se cambió nada. Repóngalo desde una copia de seguridad de la carpeta de datos, o consulte a soporte por la copia guardada antes de la última actualización.</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="82"/>
        <source>The sign-in lock file in the data folder cannot be used: %1</source>
        <translation>El archivo de bloqueo de inicio de sesión de la carpeta de datos no se puede usar: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="89"/>
        <source>This station store was written by a newer version of Kinlink (store version %1; this version reads up to %2). Update Kinlink; the store is unchanged.</source>
        <translation>Una versión más reciente de Kinlink escribió el almacén de esta estación (versión del almacén %1; esta versión lee hasta la %2). Actualice Kinlink; el almacén no se ha modificado.</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="100"/>
        <source>Nothing was printed: %1</source>
        <translation>No se imprimió nada: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="103"/>
        <source>The file was not written: %1</source>
        <translation>El archivo no se escribió: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="112"/>
        <source>Station store upgraded from version %1 to %2; the copy from before is %3 in the data folder.</source>
        <translation>Almacén actualizado de la versión %1 a la %2; la copia anterior es %3, en la carpeta de datos.</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="121"/>
        <source>Not permitted: your role may not %1.</source>
        <translation>No permitido: su papel no le permite %1.</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="126"/>
        <source>The disk is full. Free some space, then try again.</source>
        <translation>El disco está lleno. Libere espacio e inténtelo de nuevo.</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="128"/>
        <source>Kinlink may not write to its data folder. Ask an admin to check its permissions.</source>
        <translation>Kinlink no puede escribir en su carpeta de datos. Pida a un administrador que revise los permisos.</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="130"/>
        <source>The station&apos;s files could not be read or written (%1).</source>
        <translation>No se pudieron leer o escribir los archivos de la estación (%1).</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="142"/>
        <source>Something went wrong. Kinlink recorded what happened under the reference %1; quote it when you report the problem.</source>
        <translation>Algo salió mal. Kinlink registró lo ocurrido con la referencia %1; cítela al informar del problema.</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="145"/>
        <source>Something went wrong</source>
        <translation>Algo salió mal</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="154"/>
        <source>Kinlink</source>
        <translation>Kinlink</translation>
    </message>
</context>
<context>
    <name>MoveDialog</name>
    <message>
        <location filename="../../app/ui/move_dialog.py" line="44"/>
        <source>Kinlink — move to another family unit</source>
        <translation>Kinlink — mover a otra unidad familiar</translation>
    </message>
    <message>
        <location filename="../../app/ui/move_dialog.py" line="45"/>
        <source>Move %1 to another family unit</source>
        <translation>Mover a %1 a otra unidad familiar</translation>
    </message>
    <message>
        <location filename="../../app/ui/move_dialog.py" line="47"/>
        <source>For a person put in the wrong family unit. Every link they have stays.</source>
        <translation>Para una persona puesta en una unidad familiar equivocada. Todos sus vínculos se conservan.</translation>
    </message>
    <message>
        <location filename="../../app/ui/move_dialog.py" line="48"/>
        <source>New links, relationship unknown, join them to the adults (or children) of the unit they move to: correct the relationships afterwards.</source>
        <translation>Vínculos nuevos, de parentesco desconocido, la unen a los adultos (o a los niños) de la unidad a la que pasa: corrija los parentescos después.</translation>
    </message>
    <message>
        <location filename="../../app/ui/move_dialog.py" line="50"/>
        <source>&amp;Move</source>
        <translation>&amp;Mover</translation>
    </message>
    <message>
        <location filename="../../app/ui/move_dialog.py" line="52"/>
        <source>&amp;Family unit</source>
        <translation>&amp;Unidad familiar</translation>
    </message>
    <message>
        <location filename="../../app/ui/move_dialog.py" line="52"/>
        <source>Family unit</source>
        <translation>Unidad familiar</translation>
    </message>
    <message>
        <location filename="../../app/ui/move_dialog.py" line="53"/>
        <source>&amp;Reason</source>
        <translation>M&amp;otivo</translation>
    </message>
    <message>
        <location filename="../../app/ui/move_dialog.py" line="53"/>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <location filename="../../app/ui/move_dialog.py" line="56"/>
        <source>Its number, or the band number of someone in it</source>
        <translation>Su número, o el número de brazalete de alguien de ella</translation>
    </message>
    <message>
        <location filename="../../app/ui/move_dialog.py" line="65"/>
        <source>Moving…</source>
        <translation>Moviendo…</translation>
    </message>
</context>
<context>
    <name>PeoplePage</name>
    <message>
        <location filename="../../app/ui/intake/people_page.py" line="89"/>
        <source>People</source>
        <translation>Personas</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/people_page.py" line="90"/>
        <source>Everyone apprehended together who says they belong together. Ctrl+Shift+A adds an adult, Ctrl+Shift+C a child.</source>
        <translation>Todas las personas aprehendidas juntas que dicen pertenecer al mismo grupo. Ctrl+Mayús+A añade un adulto, Ctrl+Mayús+C un menor.</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/people_page.py" line="92"/>
        <source>Add &amp;adult</source>
        <translation>Añadir &amp;adulto</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/people_page.py" line="93"/>
        <source>Add &amp;child</source>
        <translation>Añadir &amp;menor</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/people_page.py" line="94"/>
        <source>Add an adult (Ctrl+Shift+A)</source>
        <translation>Añadir un adulto (Ctrl+Mayús+A)</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/people_page.py" line="95"/>
        <source>Add a child (Ctrl+Shift+C)</source>
        <translation>Añadir un menor (Ctrl+Mayús+C)</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/people_page.py" line="96"/>
        <source>Add an adult</source>
        <translation>Añadir un adulto</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/people_page.py" line="97"/>
        <source>Add a child</source>
        <translation>Añadir un menor</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/people_page.py" line="98"/>
        <source>&amp;In this family unit</source>
        <translation>En esta &amp;unidad familiar</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/people_page.py" line="99"/>
        <source>People in this family unit</source>
        <translation>Personas de esta unidad familiar</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/people_page.py" line="100"/>
        <source>Problem with the people</source>
        <translation>Problema con las personas</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/people_page.py" line="101"/>
        <source>No one yet. Add an adult (Ctrl+Shift+A) or a child (Ctrl+Shift+C).</source>
        <translation>Todavía nadie. Añada un adulto (Ctrl+Mayús+A) o un menor (Ctrl+Mayús+C).</translation>
    </message>
</context>
<context>
    <name>PersonForm</name>
    <message>
        <location filename="../../app/ui/intake/person_form.py" line="245"/>
        <source>&amp;Given names</source>
        <translation>&amp;Nombres</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/person_form.py" line="246"/>
        <source>Birth &amp;date</source>
        <translation>Fec&amp;ha de nacimiento</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/person_form.py" line="246"/>
        <source>or age estimate in &amp;years</source>
        <translation>o edad est&amp;imada en años</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/person_form.py" line="247"/>
        <source>Se&amp;x</source>
        <translation>Se&amp;xo</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/person_form.py" line="247"/>
        <source>Na&amp;tionality</source>
        <translation>Naciona&amp;lidad</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/person_form.py" line="248"/>
        <source>&amp;Languages</source>
        <translation>Idi&amp;omas</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/person_form.py" line="249"/>
        <location filename="../../app/ui/intake/person_form.py" line="272"/>
        <source>Hair</source>
        <translation>Pelo</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/person_form.py" line="249"/>
        <location filename="../../app/ui/intake/person_form.py" line="272"/>
        <source>Eyes</source>
        <translation>Ojos</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/person_form.py" line="249"/>
        <location filename="../../app/ui/intake/person_form.py" line="273"/>
        <source>Marks</source>
        <translation>Marcas</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/person_form.py" line="250"/>
        <location filename="../../app/ui/intake/person_form.py" line="274"/>
        <source>Clothing</source>
        <translation>Ropa</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/person_form.py" line="231"/>
        <source>YYYY-MM-DD</source>
        <translation>AAAA-MM-DD</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/person_form.py" line="232"/>
        <source>Name &amp;unknown</source>
        <translation>Nom&amp;bre desconocido</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/person_form.py" line="233"/>
        <source>An unknown name stays unknown: the band number identifies the person. Never type a placeholder such as “Baby Boy”.</source>
        <translation>Un nombre desconocido queda desconocido: el número de brazalete identifica a la persona. Nunca escriba un marcador como «Bebé niño».</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/person_form.py" line="235"/>
        <source>A birth date (YYYY-MM-DD) or an age estimate in years (0.5 for six months); either may stay empty.</source>
        <translation>Una fecha de nacimiento (AAAA-MM-DD) o una edad estimada en años (0.5 para seis meses); ambas pueden quedar vacías.</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/person_form.py" line="238"/>
        <source>Describe the child below: hair, eyes, marks, clothing.</source>
        <translation>Describa al menor aquí abajo: pelo, ojos, marcas, ropa.</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/person_form.py" line="253"/>
        <source>— choose —</source>
        <translation>— elija —</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/person_form.py" line="256"/>
        <source>— not known —</source>
        <translation>— no se sabe —</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/person_form.py" line="267"/>
        <source>Given names</source>
        <translation>Nombres</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/person_form.py" line="267"/>
        <source>Family names</source>
        <translation>Apellidos</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/person_form.py" line="268"/>
        <source>Name unknown</source>
        <translation>Nombre desconocido</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/person_form.py" line="268"/>
        <source>Birth date</source>
        <translation>Fecha de nacimiento</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/person_form.py" line="269"/>
        <source>Age estimate in years</source>
        <translation>Edad estimada en años</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/person_form.py" line="269"/>
        <source>Sex</source>
        <translation>Sexo</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/person_form.py" line="270"/>
        <source>Nationality</source>
        <translation>Nacionalidad</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/person_form.py" line="270"/>
        <source>Languages</source>
        <translation>Idiomas</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/person_form.py" line="271"/>
        <source>Pre-verbal</source>
        <translation>Preverbal</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/person_form.py" line="271"/>
        <source>Description</source>
        <translation>Descripción</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/person_form.py" line="239"/>
        <location filename="../../app/ui/intake/person_form.py" line="275"/>
        <source>Remove this person</source>
        <translation>Quitar a esta persona</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/person_form.py" line="237"/>
        <source>Pre-&amp;verbal: cannot yet say who they are</source>
        <translation>Preverbal: todavía no puede decir &amp;quién es</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/person_form.py" line="245"/>
        <source>Fa&amp;mily names</source>
        <translation>A&amp;pellidos</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/person_form.py" line="248"/>
        <source>Descri&amp;ption</source>
        <translation>Desc&amp;ripción</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/person_form.py" line="278"/>
        <source>Problem: %1</source>
        <translation>Problema: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/person_form.py" line="281"/>
        <source>Adult %1</source>
        <translation>Adulto %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/person_form.py" line="281"/>
        <source>Child %1</source>
        <translation>Menor %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/person_form.py" line="335"/>
        <source>%1 (name unknown)</source>
        <translation>%1 (nombre desconocido)</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/person_form.py" line="357"/>
        <source>Chosen: %1</source>
        <translation>Elegidos: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/person_form.py" line="358"/>
        <source>Space ticks the language under the cursor; type to jump.</source>
        <translation>La barra espaciadora marca el idioma bajo el cursor; escriba para saltar.</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/person_form.py" line="386"/>
        <source>Type the age in years, for example 6 or 0.5.</source>
        <translation>Escriba la edad en años, por ejemplo 6 o 0.5.</translation>
    </message>
</context>
<context>
    <name>PersonPane</name>
    <message>
        <location filename="../../app/ui/person_pane.py" line="97"/>
        <source>The chosen person</source>
        <translation>La persona elegida</translation>
    </message>
    <message>
        <location filename="../../app/ui/person_pane.py" line="98"/>
        <source>Photo</source>
        <translation>Foto</translation>
    </message>
    <message>
        <location filename="../../app/ui/person_pane.py" line="101"/>
        <source>Choose a person in the table (Up and Down keys) to see their photo, description and custody.</source>
        <translation>Elija a una persona en la tabla (teclas Arriba y Abajo) para ver su foto, descripción y custodia.</translation>
    </message>
    <message>
        <location filename="../../app/ui/person_pane.py" line="112"/>
        <source>Description: %1</source>
        <translation>Descripción: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/person_pane.py" line="116"/>
        <source>Carried by: %1</source>
        <translation>En brazos de: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/person_pane.py" line="118"/>
        <location filename="../../app/ui/record_preview.py" line="242"/>
        <source>Custody: %1</source>
        <translation>Custodia: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/person_pane.py" line="131"/>
        <source>not recorded</source>
        <translation>no registrado</translation>
    </message>
    <message>
        <location filename="../../app/ui/person_pane.py" line="138"/>
        <source>No photo on record</source>
        <translation>No hay foto registrada</translation>
    </message>
    <message>
        <location filename="../../app/ui/person_pane.py" line="142"/>
        <source>Loading the photo…</source>
        <translation>Cargando la foto…</translation>
    </message>
    <message>
        <location filename="../../app/ui/person_pane.py" line="165"/>
        <source>The photo could not be shown.</source>
        <translation>No se pudo mostrar la foto.</translation>
    </message>
</context>
<context>
    <name>PersonPreview</name>
    <message>
        <location filename="../../app/ui/record_preview.py" line="192"/>
        <source>Type or scan the number: whom it names shows here.</source>
        <translation>Escriba o escanee el número: aquí se muestra a quién corresponde.</translation>
    </message>
    <message>
        <location filename="../../app/ui/record_preview.py" line="195"/>
        <source>No person or band “%1” at this station.</source>
        <translation>No hay ninguna persona ni brazalete «%1» en esta estación.</translation>
    </message>
    <message>
        <location filename="../../app/ui/record_preview.py" line="209"/>
        <source>That is this record itself: give the other record&apos;s number.</source>
        <translation>Es este mismo registro: indique el número del otro registro.</translation>
    </message>
    <message>
        <location filename="../../app/ui/record_preview.py" line="211"/>
        <source>This record was itself merged into another: give that record&apos;s number.</source>
        <translation>Este registro ya se unió a otro: indique el número de ese registro.</translation>
    </message>
</context>
<context>
    <name>PrintBandsDialog</name>
    <message>
        <location filename="../../app/ui/print_dialog.py" line="165"/>
        <source>Save the bands as</source>
        <translation>Guardar los brazaletes como</translation>
    </message>
    <message>
        <location filename="../../app/ui/print_dialog.py" line="167"/>
        <source>PDF files (*.pdf)</source>
        <translation>Archivos PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../app/ui/print_dialog.py" line="167"/>
        <source>PNG images (*.png)</source>
        <translation>Imágenes PNG (*.png)</translation>
    </message>
    <message>
        <location filename="../../app/ui/print_dialog.py" line="175"/>
        <source>Kinlink — print wristbands</source>
        <translation>Kinlink — imprimir brazaletes</translation>
    </message>
    <message>
        <location filename="../../app/ui/print_dialog.py" line="176"/>
        <source>Print the wristbands of family unit %1</source>
        <translation>Imprimir los brazaletes de la unidad familiar %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/print_dialog.py" line="178"/>
        <source>%1 — band %2</source>
        <translation>%1 — brazalete %2</translation>
    </message>
    <message>
        <location filename="../../app/ui/print_dialog.py" line="180"/>
        <source>No band to print.</source>
        <translation>No hay brazaletes que imprimir.</translation>
    </message>
    <message>
        <location filename="../../app/ui/print_dialog.py" line="182"/>
        <source>%1 people have no valid band: a supervisor issues them new bands first.</source>
        <translation>%1 personas no tienen un brazalete válido: un supervisor debe emitirles brazaletes nuevos primero.</translation>
    </message>
    <message>
        <location filename="../../app/ui/print_dialog.py" line="189"/>
        <source>Zebra-compatible printer on the network (ZPL)</source>
        <translation>Impresora compatible con Zebra en la red (ZPL)</translation>
    </message>
    <message>
        <location filename="../../app/ui/print_dialog.py" line="190"/>
        <source>PDF file</source>
        <translation>Archivo PDF</translation>
    </message>
    <message>
        <location filename="../../app/ui/print_dialog.py" line="190"/>
        <source>PNG image</source>
        <translation>Imagen PNG</translation>
    </message>
    <message>
        <location filename="../../app/ui/print_dialog.py" line="192"/>
        <source>Print &amp;to</source>
        <translation>Imprimir &amp;en</translation>
    </message>
    <message>
        <location filename="../../app/ui/print_dialog.py" line="192"/>
        <source>Print to</source>
        <translation>Imprimir en</translation>
    </message>
    <message>
        <location filename="../../app/ui/print_dialog.py" line="193"/>
        <source>Printer &amp;address</source>
        <translation>&amp;Dirección de la impresora</translation>
    </message>
    <message>
        <location filename="../../app/ui/print_dialog.py" line="193"/>
        <source>Printer address</source>
        <translation>Dirección de la impresora</translation>
    </message>
    <message>
        <location filename="../../app/ui/print_dialog.py" line="194"/>
        <source>P&amp;ort</source>
        <translation>P&amp;uerto</translation>
    </message>
    <message>
        <location filename="../../app/ui/print_dialog.py" line="194"/>
        <source>Printer port</source>
        <translation>Puerto de la impresora</translation>
    </message>
    <message>
        <location filename="../../app/ui/print_dialog.py" line="195"/>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <location filename="../../app/ui/print_dialog.py" line="195"/>
        <source>File</source>
        <translation>Archivo</translation>
    </message>
    <message>
        <location filename="../../app/ui/print_dialog.py" line="196"/>
        <source>&amp;Resolution</source>
        <translation>&amp;Resolución</translation>
    </message>
    <message>
        <location filename="../../app/ui/print_dialog.py" line="196"/>
        <source>Printer resolution</source>
        <translation>Resolución de la impresora</translation>
    </message>
    <message>
        <location filename="../../app/ui/print_dialog.py" line="197"/>
        <source>Reason for reprinting</source>
        <translation>Motivo de la reimpresión</translation>
    </message>
    <message>
        <location filename="../../app/ui/print_dialog.py" line="197"/>
        <source>Reprint rea&amp;son</source>
        <translation>Moti&amp;vo de la reimpresión</translation>
    </message>
    <message>
        <location filename="../../app/ui/print_dialog.py" line="200"/>
        <source>Host name or IP address, for example 192.168.1.40</source>
        <translation>Nombre de equipo o dirección IP, por ejemplo 192.168.1.40</translation>
    </message>
    <message>
        <location filename="../../app/ui/print_dialog.py" line="201"/>
        <source>These bands were printed before: why again? (for example: torn)</source>
        <translation>Estos brazaletes ya se imprimieron: ¿por qué otra vez? (por ejemplo: rotos)</translation>
    </message>
    <message>
        <location filename="../../app/ui/print_dialog.py" line="202"/>
        <source>&amp;Choose…</source>
        <translation>&amp;Elegir…</translation>
    </message>
    <message>
        <location filename="../../app/ui/print_dialog.py" line="203"/>
        <source>&amp;Print</source>
        <translation>&amp;Imprimir</translation>
    </message>
    <message>
        <location filename="../../app/ui/print_dialog.py" line="204"/>
        <source>&amp;Next: put the bands on</source>
        <translation>&amp;Siguiente: poner los brazaletes</translation>
    </message>
    <message>
        <location filename="../../app/ui/print_dialog.py" line="205"/>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <location filename="../../app/ui/print_dialog.py" line="206"/>
        <source>Form message</source>
        <translation>Mensaje del formulario</translation>
    </message>
    <message>
        <location filename="../../app/ui/print_dialog.py" line="217"/>
        <location filename="../../app/ui/print_dialog.py" line="221"/>
        <source>Required.</source>
        <translation>Obligatorio.</translation>
    </message>
    <message>
        <location filename="../../app/ui/print_dialog.py" line="226"/>
        <source>These bands were printed before: say why they are printed again.</source>
        <translation>Estos brazaletes ya se imprimieron: indique por qué se imprimen de nuevo.</translation>
    </message>
    <message>
        <location filename="../../app/ui/print_dialog.py" line="231"/>
        <source>Printing…</source>
        <translation>Imprimiendo…</translation>
    </message>
    <message>
        <location filename="../../app/ui/print_dialog.py" line="231"/>
        <source>Writing…</source>
        <translation>Escribiendo…</translation>
    </message>
    <message>
        <location filename="../../app/ui/print_dialog.py" line="243"/>
        <source>%1 bands sent to %2.</source>
        <translation>%1 brazaletes enviados a %2.</translation>
    </message>
    <message>
        <location filename="../../app/ui/print_dialog.py" line="260"/>
        <source>&amp;Print again</source>
        <translation>&amp;Imprimir de nuevo</translation>
    </message>
</context>
<context>
    <name>ProposalsDialog</name>
    <message>
        <location filename="../../app/ui/proposals_dialog.py" line="54"/>
        <source>Kinlink — proposed corrections</source>
        <translation>Kinlink — correcciones propuestas</translation>
    </message>
    <message>
        <location filename="../../app/ui/proposals_dialog.py" line="55"/>
        <location filename="../../app/ui/proposals_dialog.py" line="60"/>
        <source>Proposed corrections</source>
        <translation>Correcciones propuestas</translation>
    </message>
    <message>
        <location filename="../../app/ui/proposals_dialog.py" line="56"/>
        <source>Agents proposed these. Accepting one writes the correction, with the agent&apos;s reason and name; rejecting one needs a reason the agent will read.</source>
        <translation>Las propusieron agentes. Aceptar una escribe la corrección, con el motivo y el nombre del agente; rechazarla requiere un motivo que el agente leerá.</translation>
    </message>
    <message>
        <location filename="../../app/ui/proposals_dialog.py" line="58"/>
        <source>Record</source>
        <translation>Registro</translation>
    </message>
    <message>
        <location filename="../../app/ui/proposals_dialog.py" line="58"/>
        <source>Field</source>
        <translation>Campo</translation>
    </message>
    <message>
        <location filename="../../app/ui/proposals_dialog.py" line="58"/>
        <source>Now</source>
        <translation>Ahora</translation>
    </message>
    <message>
        <location filename="../../app/ui/proposals_dialog.py" line="58"/>
        <source>Proposed</source>
        <translation>Propuesto</translation>
    </message>
    <message>
        <location filename="../../app/ui/proposals_dialog.py" line="59"/>
        <source>By</source>
        <translation>Por</translation>
    </message>
    <message>
        <location filename="../../app/ui/proposals_dialog.py" line="59"/>
        <location filename="../../app/ui/proposals_dialog.py" line="65"/>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <location filename="../../app/ui/proposals_dialog.py" line="61"/>
        <source>No correction is waiting.</source>
        <translation>No hay correcciones pendientes.</translation>
    </message>
    <message>
        <location filename="../../app/ui/proposals_dialog.py" line="62"/>
        <source>&amp;Accept</source>
        <translation>&amp;Aceptar</translation>
    </message>
    <message>
        <location filename="../../app/ui/proposals_dialog.py" line="63"/>
        <source>Re&amp;ject</source>
        <translation>Re&amp;chazar</translation>
    </message>
    <message>
        <location filename="../../app/ui/proposals_dialog.py" line="64"/>
        <source>&amp;Reason</source>
        <translation>&amp;Motivo</translation>
    </message>
    <message>
        <location filename="../../app/ui/proposals_dialog.py" line="66"/>
        <source>Required to reject</source>
        <translation>Obligatorio para rechazar</translation>
    </message>
    <message>
        <location filename="../../app/ui/proposals_dialog.py" line="67"/>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <location filename="../../app/ui/proposals_dialog.py" line="72"/>
        <source>Reading the proposals…</source>
        <translation>Leyendo las propuestas…</translation>
    </message>
    <message>
        <location filename="../../app/ui/proposals_dialog.py" line="86"/>
        <source>the same person as %1 (band %2)</source>
        <translation>la misma persona que %1 (brazalete %2)</translation>
    </message>
    <message>
        <location filename="../../app/ui/proposals_dialog.py" line="116"/>
        <source>Say why, for the agent.</source>
        <translation>Diga por qué, para el agente.</translation>
    </message>
    <message>
        <location filename="../../app/ui/proposals_dialog.py" line="121"/>
        <source>Saving the decision…</source>
        <translation>Guardando la decisión…</translation>
    </message>
</context>
<context>
    <name>RecordDialog</name>
    <message>
        <location filename="../../app/ui/custody_dialogs.py" line="87"/>
        <source>Required.</source>
        <translation>Obligatorio.</translation>
    </message>
    <message>
        <location filename="../../app/ui/custody_dialogs.py" line="93"/>
        <source>&amp;Record</source>
        <translation>&amp;Registrar</translation>
    </message>
    <message>
        <location filename="../../app/ui/custody_dialogs.py" line="94"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location filename="../../app/ui/custody_dialogs.py" line="95"/>
        <source>Form message</source>
        <translation>Mensaje del formulario</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/record_dialog.py" line="48"/>
        <source>Kinlink — on record</source>
        <translation>Kinlink — registro existente</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/record_dialog.py" line="49"/>
        <source>On record: %1</source>
        <translation>Registrado: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/record_dialog.py" line="51"/>
        <source>Compare with the person in front of you, then choose Same person or Not the same in the new encounter. Nothing typed there is lost.</source>
        <translation>Compare con la persona que tiene delante y elija Misma persona o No es la misma en el nuevo registro. No se pierde nada de lo escrito allí.</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/record_dialog.py" line="53"/>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/record_dialog.py" line="57"/>
        <source>Reading the record…</source>
        <translation>Leyendo el registro…</translation>
    </message>
</context>
<context>
    <name>RelationshipsPage</name>
    <message>
        <location filename="../../app/ui/intake/relationships_page.py" line="73"/>
        <source>Relationships</source>
        <translation>Parentescos</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/relationships_page.py" line="74"/>
        <source>For every child (row) and every adult (column), choose what the adult is to the child, and how that is known. Every cell must be chosen; when it is not known yet, choose “%1”.</source>
        <translation>Para cada menor (fila) y cada adulto (columna), elija qué es el adulto para el menor y cómo se sabe. Hay que elegir todas las casillas; si todavía no se sabe, elija «%1».</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/relationships_page.py" line="77"/>
        <source>Problem with the relationships</source>
        <translation>Problema con los parentescos</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/relationships_page.py" line="104"/>
        <source>No children in this family unit: there are no relationships to choose.</source>
        <translation>No hay menores en esta unidad familiar: no hay parentescos que elegir.</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/relationships_page.py" line="108"/>
        <source>%1
is the … of the child</source>
        <translation>%1
es … del menor</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/relationships_page.py" line="127"/>
        <source>Arrived without an adult</source>
        <translation>Llegó sin un adulto</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/relationships_page.py" line="128"/>
        <source>%1 arrived without an adult</source>
        <translation>%1 llegó sin un adulto</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/relationships_page.py" line="136"/>
        <source>— choose —</source>
        <translation>— elija —</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/relationships_page.py" line="144"/>
        <source>%1 is the … of %2</source>
        <translation>%1 es … de %2</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/relationships_page.py" line="146"/>
        <source>How the link of %1 to %2 is known</source>
        <translation>Cómo se sabe el vínculo de %1 con %2</translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <location filename="../../app/ui/intake/review_page.py" line="107"/>
        <source>Review</source>
        <translation>Revisión</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/review_page.py" line="108"/>
        <source>Check everything with the family. Back changes anything; Save registers the family unit and gives every person a band number.</source>
        <translation>Revise todo con la familia. Volver permite cambiar cualquier cosa; Guardar registra la unidad familiar y da a cada persona un número de brazalete.</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/review_page.py" line="110"/>
        <source>Problem with the registration</source>
        <translation>Problema con el registro</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/review_page.py" line="111"/>
        <source>Summary of the registration</source>
        <translation>Resumen del registro</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/review_page.py" line="112"/>
        <source>Family graph</source>
        <translation>Gráfico de la familia</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/duplicate_box.py" line="35"/>
        <source>People who may be registered already</source>
        <translation>Personas que quizá ya están registradas</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/review_page.py" line="113"/>
        <source>Unusual, to check with the family</source>
        <translation>Inusual, a comprobar con la familia</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/review_page.py" line="114"/>
        <source>&amp;Register anyway</source>
        <translation>&amp;Registrar de todos modos</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/review_page.py" line="115"/>
        <source>Checked with the family? Enter registers the family unit as it is; Escape goes back to change it.</source>
        <translation>¿Lo comprobó con la familia? Intro registra la unidad familiar tal como está; Escape vuelve atrás para cambiarla.</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/review_page.py" line="131"/>
        <source>Encounter</source>
        <translation>Encuentro</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/review_page.py" line="132"/>
        <source>People (%1)</source>
        <translation>Personas (%1)</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/review_page.py" line="133"/>
        <source>Links (%1)</source>
        <translation>Vínculos (%1)</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/review_page.py" line="134"/>
        <source>No one in this family unit yet.</source>
        <translation>Todavía no hay nadie en esta unidad familiar.</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/review_page.py" line="139"/>
        <source>When: %1</source>
        <translation>Cuándo: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/review_page.py" line="140"/>
        <source>Where: %1</source>
        <translation>Dónde: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/review_page.py" line="142"/>
        <source>Coordinates: %1, %2</source>
        <translation>Coordenadas: %1, %2</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/review_page.py" line="157"/>
        <source>carried by %1</source>
        <translation>llevado por %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/review_page.py" line="159"/>
        <source>photo ✓</source>
        <translation>foto ✓</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/review_page.py" line="171"/>
        <source>pre-verbal</source>
        <translation>preverbal</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/review_page.py" line="176"/>
        <source>How %1 is related to %3 is not known yet</source>
        <translation>Todavía no se sabe qué parentesco tiene %1 con %3</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/review_page.py" line="178"/>
        <source>%1 is the %2 of %3</source>
        <translation>%1 es %2 de %3</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/review_page.py" line="185"/>
        <source>arrived without an adult</source>
        <translation>llegó sin un adulto</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/duplicate_box.py" line="27"/>
        <source>names %1% alike</source>
        <translation>nombres %1% parecidos</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/duplicate_box.py" line="28"/>
        <source>same birth date</source>
        <translation>misma fecha de nacimiento</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/duplicate_box.py" line="29"/>
        <source>about the same age</source>
        <translation>casi la misma edad</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/duplicate_box.py" line="30"/>
        <source>ages %1 years apart</source>
        <translation>edades con %1 años de diferencia</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/duplicate_box.py" line="31"/>
        <source>different sex</source>
        <translation>distinto sexo</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/duplicate_box.py" line="32"/>
        <source>same nationality</source>
        <translation>misma nacionalidad</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/duplicate_box.py" line="33"/>
        <source>different nationality</source>
        <translation>distinta nacionalidad</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/duplicate_box.py" line="34"/>
        <source>a relative with a similar name: %1</source>
        <translation>un familiar con un nombre parecido: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/review_page.py" line="198"/>
        <source>Unusual: check with the family before saving</source>
        <translation>Inusual: compruébelo con la familia antes de guardar</translation>
    </message>
</context>
<context>
    <name>RoleDialog</name>
    <message>
        <location filename="../../app/ui/users_dialog.py" line="284"/>
        <source>Kinlink — change role</source>
        <translation>Kinlink — cambiar el rol</translation>
    </message>
    <message>
        <location filename="../../app/ui/users_dialog.py" line="285"/>
        <source>Role of %1</source>
        <translation>Rol de %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/users_dialog.py" line="286"/>
        <source>Agents register and print; supervisors also correct and resolve; admins manage users and the station.</source>
        <translation>Los agentes registran e imprimen; los supervisores además corrigen y resuelven; los administradores gestionan los usuarios y la estación.</translation>
    </message>
    <message>
        <location filename="../../app/ui/users_dialog.py" line="288"/>
        <source>&amp;Change role</source>
        <translation>&amp;Cambiar rol</translation>
    </message>
    <message>
        <location filename="../../app/ui/users_dialog.py" line="291"/>
        <source>R&amp;ole</source>
        <translation>R&amp;ol</translation>
    </message>
    <message>
        <location filename="../../app/ui/users_dialog.py" line="292"/>
        <source>Role</source>
        <translation>Rol</translation>
    </message>
    <message>
        <location filename="../../app/ui/users_dialog.py" line="297"/>
        <source>Saving…</source>
        <translation>Guardando…</translation>
    </message>
</context>
<context>
    <name>SavedPage</name>
    <message>
        <location filename="../../app/ui/intake/saved_page.py" line="72"/>
        <source>Person</source>
        <translation>Persona</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/saved_page.py" line="72"/>
        <source>Band number</source>
        <translation>Número de brazalete</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/saved_page.py" line="73"/>
        <source>Band numbers of the family unit</source>
        <translation>Números de brazalete de la unidad familiar</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/saved_page.py" line="77"/>
        <source>&amp;Register another family</source>
        <translation>&amp;Registrar otra familia</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/saved_page.py" line="78"/>
        <source>&amp;Done (Esc)</source>
        <translation>&amp;Listo (Esc)</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/saved_page.py" line="79"/>
        <source>Back to the search and the family unit just saved</source>
        <translation>Volver a la búsqueda y a la unidad familiar recién guardada</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/saved_page.py" line="88"/>
        <source>Family unit %1 saved</source>
        <translation>Unidad familiar %1 guardada</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/saved_page.py" line="90"/>
        <source>%1 people, each with a band number. Next: print the bands of the whole unit in one job.</source>
        <translation>%1 personas, cada una con su número de brazalete. Ahora: imprima los brazaletes de toda la unidad en un solo trabajo.</translation>
    </message>
</context>
<context>
    <name>SearchMore</name>
    <message>
        <location filename="../../app/ui/search_more.py" line="62"/>
        <source>Show &amp;more</source>
        <translation>Mostrar &amp;más</translation>
    </message>
    <message>
        <location filename="../../app/ui/search_more.py" line="63"/>
        <source>Show the next %1 people who match (Alt+M)</source>
        <translation>Mostrar las %1 personas siguientes que coinciden (Alt+M)</translation>
    </message>
    <message>
        <location filename="../../app/ui/search_more.py" line="94"/>
        <source>%1 of %2 people who match are shown, best match first.</source>
        <translation>Se muestran %1 de las %2 personas que coinciden, las que mejor coinciden primero.</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <location filename="../../app/ui/settings.py" line="33"/>
        <source>Lock the station after this many minutes without use (1 to 30)</source>
        <translation>Bloquear la estación tras estos minutos sin uso (1 a 30)</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings.py" line="35"/>
        <source>Language of the app (empty: the system&apos;s)</source>
        <translation>Idioma de la aplicación (vacío: el del sistema)</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings.py" line="37"/>
        <source>This station&apos;s name, shown before sign-in</source>
        <translation>Nombre de esta estación, mostrado antes de iniciar sesión</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings.py" line="39"/>
        <source>Printer for wristbands</source>
        <translation>Impresora de brazaletes</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings.py" line="43"/>
        <source>Where wristbands go: a printer, a network printer (ZPL) or a file</source>
        <translation>Destino de los brazaletes: una impresora, una impresora de red (ZPL) o un archivo</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings.py" line="45"/>
        <source>Printer for transfer sheets (paper)</source>
        <translation>Impresora para hojas de traslado (papel)</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings.py" line="48"/>
        <source>Resolution of the wristband printer (203 or 300 dpi)</source>
        <translation>Resolución de la impresora de brazaletes (203 o 300 ppp)</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings.py" line="54"/>
        <source>Place of the last family unit saved here (the next encounter&apos;s default)</source>
        <translation>Lugar de la última unidad familiar guardada aquí (el predeterminado del siguiente registro)</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings.py" line="56"/>
        <source>Latitude of the last family unit saved here</source>
        <translation>Latitud de la última unidad familiar guardada aquí</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings.py" line="58"/>
        <source>Longitude of the last family unit saved here</source>
        <translation>Longitud de la última unidad familiar guardada aquí</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings.py" line="61"/>
        <source>Folder of the last photo loaded from a file (where the photo&apos;s file dialog opens)</source>
        <translation>Carpeta de la última foto cargada desde un archivo (donde se abre el diálogo de la foto)</translation>
    </message>
</context>
<context>
    <name>SyncIndicator</name>
    <message>
        <location filename="../../app/ui/sync_panel.py" line="40"/>
        <source>Kinlink needs updating on this station</source>
        <translation>hay que actualizar Kinlink en esta estación</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync_panel.py" line="41"/>
        <source>Kinlink needs updating at the registry</source>
        <translation>hay que actualizar Kinlink en el registro central</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync_panel.py" line="43"/>
        <source>the registry cannot be reached</source>
        <translation>no se puede contactar con el registro central</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync_panel.py" line="44"/>
        <source>the registry did not answer in time</source>
        <translation>el registro central no respondió a tiempo</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync_panel.py" line="45"/>
        <source>this station&apos;s clock is ahead: records wait</source>
        <translation>el reloj de esta estación va adelantado: hay registros en espera</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync_panel.py" line="46"/>
        <source>the registry is busy</source>
        <translation>el registro central está ocupado</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync_panel.py" line="51"/>
        <source>the registry refused this station</source>
        <translation>el registro central rechazó esta estación</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync_panel.py" line="52"/>
        <source>the registry had a problem</source>
        <translation>el registro central tuvo un problema</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync_panel.py" line="53"/>
        <source>an answer did not come from this station&apos;s registry</source>
        <translation>una respuesta no vino del registro central de esta estación</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync_panel.py" line="56"/>
        <source>something went wrong (reference %1)</source>
        <translation>algo salió mal (referencia %1)</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync_panel.py" line="57"/>
        <source>never</source>
        <translation>nunca</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync_panel.py" line="335"/>
        <source>Sync status</source>
        <translation>Estado de la sincronización</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync_panel.py" line="340"/>
        <source>Sending %1 of %2</source>
        <translation>Enviando %1 de %2</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync_panel.py" line="340"/>
        <source>Receiving %1 of %2</source>
        <translation>Recibiendo %1 de %2</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync_panel.py" line="344"/>
        <source>Sync progress</source>
        <translation>Progreso de la sincronización</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync_panel.py" line="351"/>
        <source>Syncing…</source>
        <translation>Sincronizando…</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync_panel.py" line="355"/>
        <source>Not enrolled</source>
        <translation>Estación no inscrita</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync_panel.py" line="361"/>
        <source>Sync failed: %1 · retry at %2</source>
        <translation>Falló la sincronización: %1 · reintento a las %2</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync_panel.py" line="364"/>
        <source>Sync failed: %1</source>
        <translation>Falló la sincronización: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync_panel.py" line="366"/>
        <source>Synced %1 · %2 pending</source>
        <translation>Sincronizado %1 · %2 por enviar</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync_panel.py" line="368"/>
        <source>%1 pending</source>
        <translation>%1 por enviar</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync_panel.py" line="375"/>
        <source>%1 refused</source>
        <translation>rechazadas: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync_panel.py" line="377"/>
        <source>%1 set aside</source>
        <translation>apartados: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync_panel.py" line="380"/>
        <source>%1 — see Conflicts</source>
        <translation>%1 — véase Conflictos</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync_panel.py" line="380"/>
        <source>%1 — tell a supervisor</source>
        <translation>%1 — avise a un supervisor</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync_panel.py" line="388"/>
        <source>Changes waiting to be sent: %1</source>
        <translation>Cambios por enviar: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync_panel.py" line="390"/>
        <source>This station is not enrolled with a registry: its changes stay here until an admin enrols it.</source>
        <translation>Esta estación no está inscrita en un registro central: sus cambios se quedan aquí hasta que un administrador la inscriba.</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync_panel.py" line="392"/>
        <source>Registry: %1</source>
        <translation>Registro central: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync_panel.py" line="393"/>
        <source>Last successful sync: %1</source>
        <translation>Última sincronización correcta: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync_panel.py" line="394"/>
        <source>Conflicts to resolve: %1</source>
        <translation>Conflictos por resolver: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync_panel.py" line="395"/>
        <source>Transactions the registry refused: %1</source>
        <translation>Transacciones rechazadas por el registro central: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync_panel.py" line="396"/>
        <source>Records set aside from a pull: %1</source>
        <translation>Registros recibidos y apartados: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync_panel.py" line="398"/>
        <source>A supervisor decides on them in Station ▸ Conflicts… (Ctrl+Shift+K).</source>
        <translation>Un supervisor decide sobre ellos en Estación ▸ Conflictos… (Ctrl+Shift+K).</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync_panel.py" line="400"/>
        <source>Last error: %1</source>
        <translation>Último error: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync_panel.py" line="402"/>
        <source>Next sync: %1</source>
        <translation>Próxima sincronización: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync_panel.py" line="403"/>
        <source>F5 syncs now.</source>
        <translation>F5 sincroniza ahora.</translation>
    </message>
</context>
<context>
    <name>TransferSheet</name>
    <message>
        <location filename="../../app/ui/sheet_painter.py" line="141"/>
        <source>Custody transfer sheet</source>
        <translation>Hoja de traslado de custodia</translation>
    </message>
    <message>
        <location filename="../../app/ui/sheet_painter.py" line="131"/>
        <location filename="../../app/ui/sheet_painter.py" line="142"/>
        <location filename="../../app/ui/sheet_painter.py" line="321"/>
        <source>Family unit %1</source>
        <translation>Unidad familiar %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/sheet_painter.py" line="129"/>
        <source>Custody transfer sheet (continued)</source>
        <translation>Hoja de traslado de custodia (continuación)</translation>
    </message>
    <message>
        <location filename="../../app/ui/sheet_painter.py" line="144"/>
        <source>Made %1 at Kinlink station %2. Goes with the child.</source>
        <translation>Hecha %1 en la estación Kinlink %2. Acompaña al niño o niña.</translation>
    </message>
    <message>
        <location filename="../../app/ui/sheet_painter.py" line="157"/>
        <source>The child&apos;s band: scan its QR code to check this sheet</source>
        <translation>El brazalete del niño o niña: escanee su código QR para comprobar esta hoja</translation>
    </message>
    <message>
        <location filename="../../app/ui/sheet_painter.py" line="172"/>
        <source>No QR code: %1.</source>
        <translation>Sin código QR: %1.</translation>
    </message>
    <message>
        <location filename="../../app/ui/sheet_painter.py" line="177"/>
        <source>Band %1</source>
        <translation>Brazalete %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/sheet_painter.py" line="182"/>
        <source>pre-verbal</source>
        <translation>preverbal</translation>
    </message>
    <message>
        <location filename="../../app/ui/sheet_painter.py" line="185"/>
        <source>Description: %1</source>
        <translation>Descripción: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/sheet_painter.py" line="201"/>
        <source>No photo on record</source>
        <translation>No hay foto registrada</translation>
    </message>
    <message>
        <location filename="../../app/ui/sheet_painter.py" line="209"/>
        <source>Photo taken %1</source>
        <translation>Foto tomada %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/sheet_painter.py" line="217"/>
        <source>not recorded</source>
        <translation>no registrado</translation>
    </message>
    <message>
        <location filename="../../app/ui/sheet_painter.py" line="221"/>
        <source>in transit to Kinlink station %1</source>
        <translation>en tránsito a la estación Kinlink %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/sheet_painter.py" line="222"/>
        <source>Kinlink station %1</source>
        <translation>estación Kinlink %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/sheet_painter.py" line="231"/>
        <source>Transfer</source>
        <translation>Traslado</translation>
    </message>
    <message>
        <location filename="../../app/ui/sheet_painter.py" line="234"/>
        <source>No transfer recorded</source>
        <translation>No hay traslado registrado</translation>
    </message>
    <message>
        <location filename="../../app/ui/sheet_painter.py" line="234"/>
        <source>custody now: %1, since %2</source>
        <translation>custodia actual: %1, desde %2</translation>
    </message>
    <message>
        <location filename="../../app/ui/sheet_painter.py" line="252"/>
        <source>%1, at Kinlink station %2</source>
        <translation>%1, en la estación Kinlink %2</translation>
    </message>
    <message>
        <location filename="../../app/ui/sheet_painter.py" line="254"/>
        <source>To</source>
        <translation>A</translation>
    </message>
    <message>
        <location filename="../../app/ui/sheet_painter.py" line="255"/>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <location filename="../../app/ui/sheet_painter.py" line="256"/>
        <source>Transferred by</source>
        <translation>Trasladado por</translation>
    </message>
    <message>
        <location filename="../../app/ui/sheet_painter.py" line="258"/>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <location filename="../../app/ui/sheet_painter.py" line="260"/>
        <source>Reference</source>
        <translation>Referencia</translation>
    </message>
    <message>
        <location filename="../../app/ui/sheet_painter.py" line="263"/>
        <source>not scanned yet: the receiving station scans the child&apos;s band on arrival</source>
        <translation>aún no escaneado: la estación que lo recibe escanea el brazalete a la llegada</translation>
    </message>
    <message>
        <location filename="../../app/ui/sheet_painter.py" line="266"/>
        <source>scanned at Kinlink station %1, %2</source>
        <translation>escaneado en la estación Kinlink %1, %2</translation>
    </message>
    <message>
        <location filename="../../app/ui/sheet_painter.py" line="269"/>
        <source>Arrival</source>
        <translation>Llegada</translation>
    </message>
    <message>
        <location filename="../../app/ui/sheet_painter.py" line="281"/>
        <source>Adults the child arrived with (continued)</source>
        <translation>Adultos con los que llegó (continuación)</translation>
    </message>
    <message>
        <location filename="../../app/ui/sheet_painter.py" line="282"/>
        <source>Adults the child arrived with (%1)</source>
        <translation>Adultos con los que llegó (%1)</translation>
    </message>
    <message>
        <location filename="../../app/ui/sheet_painter.py" line="285"/>
        <source>The child arrived without an adult.</source>
        <translation>El niño o niña llegó sin un adulto.</translation>
    </message>
    <message>
        <location filename="../../app/ui/sheet_painter.py" line="287"/>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <location filename="../../app/ui/sheet_painter.py" line="287"/>
        <source>Band</source>
        <translation>Brazalete</translation>
    </message>
    <message>
        <location filename="../../app/ui/sheet_painter.py" line="288"/>
        <source>Link to the child</source>
        <translation>Vínculo con el niño o niña</translation>
    </message>
    <message>
        <location filename="../../app/ui/sheet_painter.py" line="288"/>
        <source>Custody now</source>
        <translation>Custodia actual</translation>
    </message>
    <message>
        <location filename="../../app/ui/sheet_painter.py" line="361"/>
        <source>arrived without an adult</source>
        <translation>llegó sin un adulto</translation>
    </message>
    <message>
        <location filename="../../app/ui/sheet_painter.py" line="364"/>
        <source>%1 (this sheet)</source>
        <translation>%1 (esta hoja)</translation>
    </message>
    <message>
        <location filename="../../app/ui/sheet_painter.py" line="384"/>
        <source>Received by (name, agency, signature, date and time):</source>
        <translation>Recibido por (nombre, agencia, firma, fecha y hora):</translation>
    </message>
    <message>
        <location filename="../../app/ui/sheet_painter.py" line="391"/>
        <source>The QR code is the child&apos;s band&apos;s own, signed by the station that issued it: a Kinlink station that scans it checks it as it checks the band. This sheet carries personal data: hand it only to the receiving agency.</source>
        <translation>El código QR es el del propio brazalete del niño o niña, firmado por la estación que lo emitió: una estación Kinlink que lo escanea lo comprueba como comprueba el brazalete. Esta hoja lleva datos personales: entréguela solo a la agencia que recibe.</translation>
    </message>
    <message>
        <location filename="../../app/ui/sheet_painter.py" line="394"/>
        <source>Kinlink transfer sheet %1</source>
        <translation>Hoja de traslado Kinlink %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/sheet_painter.py" line="396"/>
        <source>Page %1 of %2</source>
        <translation>Página %1 de %2</translation>
    </message>
</context>
<context>
    <name>UsersDialog</name>
    <message>
        <location filename="../../app/ui/users_dialog.py" line="76"/>
        <source>Kinlink — users</source>
        <translation>Kinlink — usuarios</translation>
    </message>
    <message>
        <location filename="../../app/ui/users_dialog.py" line="77"/>
        <source>Users of this station</source>
        <translation>Usuarios de esta estación</translation>
    </message>
    <message>
        <location filename="../../app/ui/users_dialog.py" line="77"/>
        <source>Locked accounts</source>
        <translation>Cuentas bloqueadas</translation>
    </message>
    <message>
        <location filename="../../app/ui/users_dialog.py" line="79"/>
        <source>Every change is recorded in the audit log. A disabled account cannot sign in until an admin sets a new passphrase for it.</source>
        <translation>Cada cambio queda en el registro de auditoría. Una cuenta deshabilitada no puede iniciar sesión hasta que un administrador le dé una nueva frase de contraseña.</translation>
    </message>
    <message>
        <location filename="../../app/ui/users_dialog.py" line="81"/>
        <source>Five failed sign-ins within 15 minutes lock an account. Release it once you know who it is.</source>
        <translation>Cinco intentos fallidos en 15 minutos bloquean una cuenta. Desbloquéela cuando sepa quién es.</translation>
    </message>
    <message>
        <location filename="../../app/ui/users_dialog.py" line="82"/>
        <source>User</source>
        <translation>Usuario</translation>
    </message>
    <message>
        <location filename="../../app/ui/users_dialog.py" line="82"/>
        <source>Role</source>
        <translation>Rol</translation>
    </message>
    <message>
        <location filename="../../app/ui/users_dialog.py" line="82"/>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location filename="../../app/ui/users_dialog.py" line="82"/>
        <source>Added by</source>
        <translation>Añadido por</translation>
    </message>
    <message>
        <location filename="../../app/ui/users_dialog.py" line="84"/>
        <source>Users</source>
        <translation>Usuarios</translation>
    </message>
    <message>
        <location filename="../../app/ui/users_dialog.py" line="85"/>
        <source>No account is locked.</source>
        <translation>Ninguna cuenta está bloqueada.</translation>
    </message>
    <message>
        <location filename="../../app/ui/users_dialog.py" line="86"/>
        <source>&amp;Add user…</source>
        <translation>&amp;Añadir usuario…</translation>
    </message>
    <message>
        <location filename="../../app/ui/users_dialog.py" line="87"/>
        <source>Change &amp;role…</source>
        <translation>Cambiar &amp;rol…</translation>
    </message>
    <message>
        <location filename="../../app/ui/users_dialog.py" line="88"/>
        <source>New &amp;passphrase…</source>
        <translation>Nueva &amp;frase…</translation>
    </message>
    <message>
        <location filename="../../app/ui/users_dialog.py" line="89"/>
        <source>&amp;Disable…</source>
        <translation>&amp;Deshabilitar…</translation>
    </message>
    <message>
        <location filename="../../app/ui/users_dialog.py" line="90"/>
        <source>R&amp;elease</source>
        <translation>D&amp;esbloquear</translation>
    </message>
    <message>
        <location filename="../../app/ui/users_dialog.py" line="91"/>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <location filename="../../app/ui/users_dialog.py" line="98"/>
        <source>Reading the accounts…</source>
        <translation>Leyendo las cuentas…</translation>
    </message>
    <message>
        <location filename="../../app/ui/users_dialog.py" line="109"/>
        <source>disabled</source>
        <translation>deshabilitada</translation>
    </message>
    <message>
        <location filename="../../app/ui/users_dialog.py" line="109"/>
        <source>locked</source>
        <translation>bloqueada</translation>
    </message>
    <message>
        <location filename="../../app/ui/users_dialog.py" line="110"/>
        <source>active</source>
        <translation>activa</translation>
    </message>
    <message>
        <location filename="../../app/ui/users_dialog.py" line="128"/>
        <source>The recovery key was set by %1, whose account is disabled: if they kept its private key, they can still open this station. Have the registry operators&apos; recovery key set again (kinlink recovery-key set --replace).</source>
        <translation>La clave de recuperación la puso %1, cuya cuenta está desactivada: si guardó su clave privada, todavía puede abrir esta estación. Haga poner de nuevo la clave de recuperación de los operadores del registro (kinlink recovery-key set --replace).</translation>
    </message>
    <message>
        <location filename="../../app/ui/users_dialog.py" line="169"/>
        <source>Disable %1?</source>
        <translation>¿Deshabilitar a %1?</translation>
    </message>
    <message>
        <location filename="../../app/ui/users_dialog.py" line="170"/>
        <source>%1 will not be able to sign in, and their key to the store is removed. An admin can set a new passphrase later to let them back in.</source>
        <translation>%1 no podrá iniciar sesión y se quitará su llave del almacén. Un administrador puede darle más tarde una nueva frase de contraseña para que vuelva a entrar.</translation>
    </message>
    <message>
        <location filename="../../app/ui/users_dialog.py" line="175"/>
        <location filename="../../app/ui/users_dialog.py" line="191"/>
        <source>Saving…</source>
        <translation>Guardando…</translation>
    </message>
    <message>
        <location filename="../../app/ui/users_dialog.py" line="182"/>
        <source>Recovery key</source>
        <translation>Clave de recuperación</translation>
    </message>
</context>
<context>
    <name>WithdrawDialog</name>
    <message>
        <location filename="../../app/ui/withdraw_dialog.py" line="42"/>
        <source>Kinlink — withdraw a refused transaction</source>
        <translation>Kinlink — retirar una transacción rechazada</translation>
    </message>
    <message>
        <location filename="../../app/ui/withdraw_dialog.py" line="43"/>
        <source>Withdraw: %1</source>
        <translation>Retirar: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/withdraw_dialog.py" line="44"/>
        <source>The registry&apos;s reason: %1</source>
        <translation>Motivo del registro central: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/withdraw_dialog.py" line="46"/>
        <source>This is final. The records stay in this station&apos;s history, marked withdrawn, and are never sent: no other station will see them. Resend instead if the cause can be put right.</source>
        <translation>Esto es definitivo. Los registros quedan en el historial de esta estación, marcados como retirados, y nunca se envían: ninguna otra estación los verá. Si la causa se puede corregir, reenvíelos en su lugar.</translation>
    </message>
    <message>
        <location filename="../../app/ui/withdraw_dialog.py" line="49"/>
        <source>&amp;Withdraw</source>
        <translation>&amp;Retirar</translation>
    </message>
    <message>
        <location filename="../../app/ui/withdraw_dialog.py" line="50"/>
        <source>&amp;Reason</source>
        <translation>&amp;Motivo</translation>
    </message>
    <message>
        <location filename="../../app/ui/withdraw_dialog.py" line="51"/>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <location filename="../../app/ui/withdraw_dialog.py" line="52"/>
        <source>Why it must never be sent, e.g. &quot;registered twice by mistake&quot;</source>
        <translation>Por qué nunca debe enviarse, p. ej. «registrado dos veces por error»</translation>
    </message>
    <message>
        <location filename="../../app/ui/withdraw_dialog.py" line="59"/>
        <source>Withdraw for good?</source>
        <translation>¿Retirar definitivamente?</translation>
    </message>
    <message>
        <location filename="../../app/ui/withdraw_dialog.py" line="60"/>
        <source>%1 will never reach the registry or any other station. This cannot be undone.</source>
        <translation>%1: nunca llegará al registro central ni a ninguna otra estación. No se puede deshacer.</translation>
    </message>
    <message>
        <location filename="../../app/ui/withdraw_dialog.py" line="62"/>
        <source>&amp;Withdraw for good</source>
        <translation>&amp;Retirar definitivamente</translation>
    </message>
    <message>
        <location filename="../../app/ui/withdraw_dialog.py" line="64"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location filename="../../app/ui/withdraw_dialog.py" line="79"/>
        <source>Withdrawing…</source>
        <translation>Retirando…</translation>
    </message>
</context>
</TS>
