<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es">
<context>
    <name>FamilyView</name>
    <message>
        <location filename="../../app/ui/family_view.py" line="69" />
        <source>People in this family</source>
        <translation>Personas de esta familia</translation>
    </message>
    <message>
        <location filename="../../app/ui/family_view.py" line="70" />
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <location filename="../../app/ui/family_view.py" line="70" />
        <source>Role</source>
        <translation>Papel</translation>
    </message>
    <message>
        <location filename="../../app/ui/family_view.py" line="70" />
        <source>Band</source>
        <translation>Brazalete</translation>
    </message>
    <message>
        <location filename="../../app/ui/family_view.py" line="70" />
        <source>Age</source>
        <translation>Edad</translation>
    </message>
    <message>
        <location filename="../../app/ui/family_view.py" line="70" />
        <source>Custody</source>
        <translation>Custodia</translation>
    </message>
    <message>
        <location filename="../../app/ui/family_view.py" line="71" />
        <source>Description</source>
        <translation>Descripción</translation>
    </message>
    <message>
        <location filename="../../app/ui/family_view.py" line="72" />
        <source>Family links</source>
        <translation>Vínculos familiares</translation>
    </message>
    <message>
        <location filename="../../app/ui/family_view.py" line="73" />
        <source>Person</source>
        <translation>Persona</translation>
    </message>
    <message>
        <location filename="../../app/ui/family_view.py" line="73" />
        <source>Is the</source>
        <translation>Es</translation>
    </message>
    <message>
        <location filename="../../app/ui/family_view.py" line="73" />
        <source>Of</source>
        <translation>De</translation>
    </message>
    <message>
        <location filename="../../app/ui/family_view.py" line="73" />
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location filename="../../app/ui/family_view.py" line="73" />
        <source>Provenance</source>
        <translation>Procedencia</translation>
    </message>
    <message>
        <location filename="../../app/ui/family_view.py" line="74" />
        <source>Change history</source>
        <translation>Historial de cambios</translation>
    </message>
    <message>
        <location filename="../../app/ui/family_view.py" line="75" />
        <source>When (UTC)</source>
        <translation>Cuándo (UTC)</translation>
    </message>
    <message>
        <location filename="../../app/ui/family_view.py" line="75" />
        <source>By</source>
        <translation>Por</translation>
    </message>
    <message>
        <location filename="../../app/ui/family_view.py" line="75" />
        <source>Change</source>
        <translation>Cambio</translation>
    </message>
    <message>
        <location filename="../../app/ui/family_view.py" line="75" />
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <location filename="../../app/ui/family_view.py" line="78" />
        <source>People</source>
        <translation>Personas</translation>
    </message>
    <message>
        <location filename="../../app/ui/family_view.py" line="78" />
        <source>Links</source>
        <translation>Vínculos</translation>
    </message>
    <message>
        <location filename="../../app/ui/family_view.py" line="78" />
        <source>History</source>
        <translation>Historial</translation>
    </message>
    <message>
        <location filename="../../app/ui/family_view.py" line="84" />
        <source>Search for a name or a band number, then select a person to see their family.</source>
        <translation>Busque un nombre o un número de brazalete y seleccione una persona para ver su familia.</translation>
    </message>
    <message>
        <location filename="../../app/ui/family_view.py" line="107" />
        <source>Family %1</source>
        <translation>Familia %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/family_view.py" line="115" />
        <source>Apprehended %1 at %2. Registered by %3 at station %4.</source>
        <translation>Aprehensión: %1 en %2. Registrado por %3 en la estación %4.</translation>
    </message>
    <message>
        <location filename="../../app/ui/family_view.py" line="126" />
        <source>%1, pre-verbal</source>
        <translation>%1, preverbal</translation>
    </message>
    <message>
        <location filename="../../app/ui/family_view.py" line="139" />
        <source>%1, reference %2</source>
        <translation>%1, referencia %2</translation>
    </message>
    <message>
        <location filename="../../app/ui/family_view.py" line="140" />
        <source>%1 since %2</source>
        <translation>%1 desde %2</translation>
    </message>
    <message>
        <location filename="../../app/ui/family_view.py" line="150" />
        <source>No links recorded</source>
        <translation>Sin vínculos registrados</translation>
    </message>
    <message>
        <location filename="../../app/ui/family_view.py" line="165" />
        <source>%1 is the %2 of %3</source>
        <translation>%1 es %2 de %3</translation>
    </message>
    <message>
        <location filename="../../app/ui/family_view.py" line="171" />
        <source>Created %1</source>
        <translation>Creado: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/family_view.py" line="171" />
        <source>Changed %1</source>
        <translation>Cambiado: %1</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <location filename="../../app/ui/first_run.py" line="49" />
        <source>Kinlink — set up this station</source>
        <translation>Kinlink — configurar esta estación</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="50" />
        <source>Set up this station</source>
        <translation>Configurar esta estación</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="51" />
        <source>No station store was found in %1. Kinlink will create one there: it is encrypted, and only the users of this station can open it. You become its first admin.</source>
        <translation>No se encontró un almacén de estación en %1. Kinlink creará uno allí: está cifrado y solo los usuarios de esta estación pueden abrirlo. Usted será su primer administrador.</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="54" />
        <source>Lower-case letters, digits, dots, dashes or underscores.</source>
        <translation>Minúsculas, dígitos, puntos, guiones o guiones bajos.</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="55" />
        <source>At least 8 characters; 12 or more recommended. Spaces and whole sentences are welcome.</source>
        <translation>Al menos 8 caracteres; se recomiendan 12 o más. Se admiten espacios y frases completas.</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="58" />
        <source>&amp;Station name</source>
        <translation>Nombre de la &amp;estación</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="58" />
        <source>Station name</source>
        <translation>Nombre de la estación</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="58" />
        <source>Station name problem</source>
        <translation>Problema con el nombre de la estación</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="59" />
        <source>&amp;Admin user name</source>
        <translation>Usuario &amp;administrador</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="59" />
        <source>Admin user name</source>
        <translation>Usuario administrador</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="59" />
        <source>Admin user name problem</source>
        <translation>Problema con el usuario administrador</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="60" />
        <source>&amp;Passphrase</source>
        <translation>&amp;Frase de contraseña</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="60" />
        <source>Passphrase</source>
        <translation>Frase de contraseña</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="60" />
        <source>Passphrase problem</source>
        <translation>Problema con la frase de contraseña</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="61" />
        <source>&amp;Repeat passphrase</source>
        <translation>&amp;Repita la frase</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="61" />
        <source>Repeat passphrase</source>
        <translation>Repita la frase de contraseña</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="62" />
        <source>Repeat passphrase problem</source>
        <translation>Problema con la frase repetida</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="66" />
        <source>Create station</source>
        <translation>Crear estación</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="67" />
        <source>Quit</source>
        <translation>Salir</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="94" />
        <source>The two passphrases differ. Type the same passphrase twice.</source>
        <translation>Las dos frases no coinciden. Escriba la misma frase dos veces.</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="100" />
        <source>Creating the encrypted station store…</source>
        <translation>Creando el almacén cifrado de la estación…</translation>
    </message>
</context>
<context>
    <name>FormDialog</name>
    <message>
        <location filename="../../app/ui/forms.py" line="126" />
        <source>Form message</source>
        <translation>Mensaje del formulario</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../app/ui/family_view.py" line="193" />
        <source>a person of another family</source>
        <translation>una persona de otra familia</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="22" />
        <source>mother</source>
        <translation>madre</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="23" />
        <source>father</source>
        <translation>padre</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="24" />
        <source>legal guardian</source>
        <translation>tutor legal</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="25" />
        <source>grandparent</source>
        <translation>abuelo o abuela</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="26" />
        <source>sibling</source>
        <translation>hermano o hermana</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="27" />
        <source>aunt or uncle</source>
        <translation>tío o tía</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="28" />
        <source>other relative</source>
        <translation>otro familiar</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="29" />
        <source>unrelated adult</source>
        <translation>adulto sin parentesco</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="30" />
        <source>relationship unknown</source>
        <translation>parentesco desconocido</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="33" />
        <source>together</source>
        <translation>juntos</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="34" />
        <source>separated</source>
        <translation>separados</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="35" />
        <source>in contact</source>
        <translation>en contacto</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="36" />
        <source>reunified</source>
        <translation>reunificados</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="39" />
        <source>claimed</source>
        <translation>declarado</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="40" />
        <source>observed at apprehension</source>
        <translation>observado en la aprehensión</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="41" />
        <source>document-verified</source>
        <translation>verificado con documentos</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="42" />
        <source>DNA-verified</source>
        <translation>verificado por ADN</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="45" />
        <source>this station</source>
        <translation>esta estación</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="46" />
        <source>another station</source>
        <translation>otra estación</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="47" />
        <source>ICE</source>
        <translation>ICE</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="48" />
        <source>HHS/ORR shelter</source>
        <translation>albergue de HHS/ORR</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="49" />
        <source>released to sponsor</source>
        <translation>entregado a un patrocinador</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="50" />
        <source>removed</source>
        <translation>deportado</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="53" />
        <source>adult</source>
        <translation>adulto</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="54" />
        <source>child</source>
        <translation>niño o niña</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="57" />
        <source>agent</source>
        <translation>agente</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="58" />
        <source>supervisor</source>
        <translation>supervisor</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="59" />
        <source>admin</source>
        <translation>administrador</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="62" />
        <source>female</source>
        <translation>femenino</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="63" />
        <source>male</source>
        <translation>masculino</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="64" />
        <source>other</source>
        <translation>otro</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="65" />
        <source>unknown</source>
        <translation>desconocido</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="68" />
        <source>encounter</source>
        <translation>encuentro</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="69" />
        <source>family unit</source>
        <translation>unidad familiar</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="70" />
        <source>person</source>
        <translation>persona</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="71" />
        <source>link</source>
        <translation>vínculo</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="72" />
        <source>link event</source>
        <translation>evento de vínculo</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="73" />
        <source>custody</source>
        <translation>custodia</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="74" />
        <source>band</source>
        <translation>brazalete</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="98" />
        <source>Name unknown</source>
        <translation>Nombre desconocido</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="106" />
        <source>%1 (band %2)</source>
        <translation>%1 (brazalete %2)</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="111" />
        <source>born %1</source>
        <translation>nació el %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="115" />
        <source>age about %1</source>
        <translation>edad aprox. %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="157" />
        <source>yes</source>
        <translation>sí</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="157" />
        <source>no</source>
        <translation>no</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <location filename="../../app/ui/lock_screen.py" line="39" />
        <source>Station locked</source>
        <translation>Estación bloqueada</translation>
    </message>
    <message>
        <location filename="../../app/ui/lock_screen.py" line="40" />
        <source>This station is locked</source>
        <translation>Esta estación está bloqueada</translation>
    </message>
    <message>
        <location filename="../../app/ui/lock_screen.py" line="41" />
        <source>Locked by %1. Type the passphrase of %1 to go back to the work as it was left.</source>
        <translation>Bloqueada por %1. Escriba la frase de contraseña de %1 para volver al trabajo tal como quedó.</translation>
    </message>
    <message>
        <location filename="../../app/ui/lock_screen.py" line="43" />
        <source>Station: %1</source>
        <translation>Estación: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/lock_screen.py" line="44" />
        <source>&amp;Passphrase</source>
        <translation>&amp;Frase de contraseña</translation>
    </message>
    <message>
        <location filename="../../app/ui/lock_screen.py" line="45" />
        <source>Passphrase</source>
        <translation>Frase de contraseña</translation>
    </message>
    <message>
        <location filename="../../app/ui/lock_screen.py" line="46" />
        <source>Unlock problem</source>
        <translation>Problema al desbloquear</translation>
    </message>
    <message>
        <location filename="../../app/ui/lock_screen.py" line="47" />
        <source>&amp;Unlock</source>
        <translation>&amp;Desbloquear</translation>
    </message>
    <message>
        <location filename="../../app/ui/lock_screen.py" line="48" />
        <source>Sign in as &amp;someone else</source>
        <translation>Entrar como &amp;otra persona</translation>
    </message>
    <message>
        <location filename="../../app/ui/lock_screen.py" line="49" />
        <source>Closes the locked session; its unsaved work is dropped.</source>
        <translation>Cierra la sesión bloqueada; se pierde el trabajo sin guardar.</translation>
    </message>
    <message>
        <location filename="../../app/ui/lock_screen.py" line="84" />
        <source>Checking the passphrase…</source>
        <translation>Comprobando la frase de contraseña…</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../app/ui/login.py" line="44" />
        <source>Kinlink — sign in</source>
        <translation>Kinlink — iniciar sesión</translation>
    </message>
    <message>
        <location filename="../../app/ui/login.py" line="45" />
        <source>Sign in to this station</source>
        <translation>Iniciar sesión en esta estación</translation>
    </message>
    <message>
        <location filename="../../app/ui/login.py" line="46" />
        <source>&amp;User name</source>
        <translation>&amp;Usuario</translation>
    </message>
    <message>
        <location filename="../../app/ui/login.py" line="47" />
        <source>&amp;Passphrase</source>
        <translation>&amp;Frase de contraseña</translation>
    </message>
    <message>
        <location filename="../../app/ui/login.py" line="48" />
        <source>User name</source>
        <translation>Usuario</translation>
    </message>
    <message>
        <location filename="../../app/ui/login.py" line="49" />
        <source>Passphrase</source>
        <translation>Frase de contraseña</translation>
    </message>
    <message>
        <location filename="../../app/ui/login.py" line="50" />
        <source>Sign-in problem</source>
        <translation>Problema al iniciar sesión</translation>
    </message>
    <message>
        <location filename="../../app/ui/login.py" line="51" />
        <source>Sign in</source>
        <translation>Entrar</translation>
    </message>
    <message>
        <location filename="../../app/ui/login.py" line="52" />
        <source>Quit</source>
        <translation>Salir</translation>
    </message>
    <message>
        <location filename="../../app/ui/login.py" line="70" />
        <source>Unlocking the station store…</source>
        <translation>Abriendo el almacén de la estación…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../app/ui/main_window.py" line="79" />
        <source>Ready. Ctrl+F finds a person; Ctrl+L locks.</source>
        <translation>Listo. Ctrl+F busca una persona; Ctrl+L bloquea.</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="83" />
        <source>Kinlink — %1</source>
        <translation>Kinlink — %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="87" />
        <location filename="../../app/ui/main_window.py" line="250" />
        <source>Kinlink — locked</source>
        <translation>Kinlink — bloqueado</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="88" />
        <source>Search people</source>
        <translation>Buscar personas</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="89" />
        <source>Name, band number or scan</source>
        <translation>Nombre, número de brazalete o escaneo</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="90" />
        <source>Search</source>
        <translation>Buscar</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="91" />
        <source>Search message</source>
        <translation>Mensaje de la búsqueda</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="92" />
        <source>Search results</source>
        <translation>Resultados de la búsqueda</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="93" />
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="93" />
        <source>Band</source>
        <translation>Brazalete</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="93" />
        <source>Family</source>
        <translation>Familia</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="94" />
        <location filename="../../app/ui/main_window.py" line="102" />
        <source>&amp;Find a person</source>
        <translation>&amp;Buscar una persona</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="95" />
        <source>&amp;Station</source>
        <translation>&amp;Estación</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="96" />
        <source>&amp;Edit</source>
        <translation>E&amp;dición</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="97" />
        <source>&amp;Language</source>
        <translation>&amp;Idioma</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="99" />
        <source>&amp;Lock</source>
        <translation>&amp;Bloquear</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="99" />
        <source>Ctrl+L</source>
        <translation>Ctrl+L</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="100" />
        <source>Sign &amp;out</source>
        <translation>&amp;Cerrar sesión</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="100" />
        <source>Ctrl+Shift+L</source>
        <translation>Ctrl+Shift+L</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="101" />
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="107" />
        <source>Signed in as %1 (%2)</source>
        <translation>Sesión de %1 (%2)</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="108" />
        <source>Signed-in user</source>
        <translation>Usuario con sesión</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="109" />
        <source>Lock</source>
        <translation>Bloquear</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="110" />
        <source>Lock the station (Ctrl+L)</source>
        <translation>Bloquear la estación (Ctrl+L)</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="111" />
        <source>Lock the station</source>
        <translation>Bloquear la estación</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="280" />
        <source>Wrong passphrase.</source>
        <translation>Frase de contraseña incorrecta.</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="308" />
        <source>Searching…</source>
        <translation>Buscando…</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="322" />
        <source>No one found. Check the spelling, or try the band number.</source>
        <translation>No se encontró a nadie. Revise la ortografía o pruebe con el número de brazalete.</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="323" />
        <source>Search results: %1</source>
        <translation>Resultados: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="362" />
        <source>Something went wrong (reference %1).</source>
        <translation>Algo salió mal (referencia %1).</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <location filename="../../app/ui/messages.py" line="24" />
        <source>register families</source>
        <translation>registrar familias</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="25" />
        <source>read family records</source>
        <translation>leer registros de familias</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="26" />
        <source>print bands</source>
        <translation>imprimir brazaletes</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="27" />
        <source>record custody and separations</source>
        <translation>registrar custodias y separaciones</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="28" />
        <source>propose corrections</source>
        <translation>proponer correcciones</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="29" />
        <source>correct records</source>
        <translation>corregir registros</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="30" />
        <source>resolve conflicts</source>
        <translation>resolver conflictos</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="31" />
        <source>merge records</source>
        <translation>fusionar registros</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="32" />
        <source>void bands</source>
        <translation>anular brazaletes</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="33" />
        <source>release locked users</source>
        <translation>desbloquear usuarios</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="34" />
        <source>manage users</source>
        <translation>administrar usuarios</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="35" />
        <source>change station settings</source>
        <translation>cambiar la configuración de la estación</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="36" />
        <source>enrol the station</source>
        <translation>inscribir la estación</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="37" />
        <source>check the audit chain</source>
        <translation>comprobar la cadena de auditoría</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="41" />
        <source>Wrong user name or passphrase.</source>
        <translation>Usuario o frase de contraseña incorrectos.</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="42" />
        <source>This account is locked after repeated failed sign-ins. A supervisor or admin must release it.</source>
        <translation>Esta cuenta está bloqueada tras varios intentos fallidos. Un supervisor o administrador debe desbloquearla.</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="44" />
        <source>This account is disabled. Ask an admin of this station.</source>
        <translation>Esta cuenta está desactivada. Consulte a un administrador de esta estación.</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="46" />
        <source>There is no station store in this data folder.</source>
        <translation>No hay un almacén de estación en esta carpeta de datos.</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="47" />
        <source>A station store already exists in this data folder. Nothing was changed.</source>
        <translation>Ya existe un almacén de estación en esta carpeta de datos. No se cambió nada.</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="49" />
        <source>This station store was written by a newer version of Kinlink. Update Kinlink; the store is unchanged.</source>
        <translation>Este almacén fue escrito por una versión más reciente de Kinlink. Actualice Kinlink; el almacén no cambió.</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="52" />
        <source>The station's key file is damaged or belongs to another store. Nothing was changed.</source>
        <translation>El archivo de claves de la estación está dañado o pertenece a otro almacén. No se cambió nada.</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="54" />
        <source>The station store could not be opened: the store or its key file is damaged.</source>
        <translation>No se pudo abrir el almacén de la estación: el almacén o su archivo de claves está dañado.</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="56" />
        <source>That record is not in this station's records.</source>
        <translation>Ese registro no está en los registros de esta estación.</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="92" />
        <source>Not permitted: your role may not %1.</source>
        <translation>No permitido: su papel no le permite %1.</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="97" />
        <source>The disk is full. Free some space, then try again.</source>
        <translation>El disco está lleno. Libere espacio e inténtelo de nuevo.</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="99" />
        <source>Kinlink may not write to its data folder. Ask an admin to check its permissions.</source>
        <translation>Kinlink no puede escribir en su carpeta de datos. Pida a un administrador que revise los permisos.</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="101" />
        <source>The station's files could not be read or written (%1).</source>
        <translation>No se pudieron leer o escribir los archivos de la estación (%1).</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="113" />
        <source>Something went wrong. Kinlink recorded what happened under the reference %1; quote it when you report the problem.</source>
        <translation>Algo salió mal. Kinlink registró lo ocurrido con la referencia %1; cítela al informar del problema.</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="116" />
        <source>Something went wrong</source>
        <translation>Algo salió mal</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="125" />
        <source>Kinlink</source>
        <translation>Kinlink</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <location filename="../../app/ui/settings.py" line="32" />
        <source>Lock the station after this many minutes without use (1 to 30)</source>
        <translation>Bloquear la estación tras estos minutos sin uso (1 a 30)</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings.py" line="34" />
        <source>Language of the app (empty: the system's)</source>
        <translation>Idioma de la aplicación (vacío: el del sistema)</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings.py" line="36" />
        <source>Printer for wristbands</source>
        <translation>Impresora de brazaletes</translation>
    </message>
</context>
</TS>