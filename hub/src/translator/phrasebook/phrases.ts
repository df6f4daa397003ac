// The venue's everyday phrases, curated by hand in every phrasebook language. Whisper only translates
// into English; these go any way and work with no engine installed. Staff phrases are what the venue
// says to a guest; guest phrases (guest-phrases.ts) are what a guest says or asks, so each page offers
// the side it speaks for.
//
// Placeholders are `{name}` and carry the same names in every language. Values are inserted as given,
// so times and amounts arrive already formatted for the guest ("19:30", "€42.50").
import { GUEST_PHRASES } from './guest-phrases.ts';

export const PHRASEBOOK_LANGUAGES = ['en', 'ru', 'es', 'de', 'fr', 'it', 'zh', 'ar', 'tr', 'ja', 'ko'] as const;
export type PhrasebookLanguage = (typeof PHRASEBOOK_LANGUAGES)[number];

export const PHRASE_CATEGORIES = [
  'courtesy',
  'ordering',
  'allergies',
  'waiting',
  'bill',
  'reception',
  'amenities',
  'directions',
  'transport',
  'help',
] as const;
export type PhraseCategory = (typeof PHRASE_CATEGORIES)[number];

/** Who says the phrase: `staff` to a guest, or a `guest` to staff. */
export const PHRASE_AUDIENCES = ['staff', 'guest'] as const;
export type PhraseAudience = (typeof PHRASE_AUDIENCES)[number];

export interface Phrase {
  id: string;
  category: PhraseCategory;
  audience: PhraseAudience;
  text: Readonly<Record<PhrasebookLanguage, string>>;
}

const STAFF_PHRASES: readonly Phrase[] = [
  // courtesy
  { id: 'welcome', category: 'courtesy', audience: 'staff', text: {
    en: 'Welcome! How can I help you?', ru: 'Добро пожаловать! Чем могу помочь?', es: '¡Bienvenido! ¿En qué puedo ayudarle?',
    de: 'Willkommen! Wie kann ich Ihnen helfen?', fr: 'Bienvenue ! Comment puis-je vous aider ?', it: 'Benvenuti! Come posso aiutarla?',
    zh: '欢迎光临！有什么可以帮您？', ar: 'أهلاً وسهلاً! كيف يمكنني مساعدتك؟', tr: 'Hoş geldiniz! Size nasıl yardımcı olabilirim?',
    ja: 'いらっしゃいませ。何かお手伝いできることはございますか？', ko: '어서 오세요! 무엇을 도와드릴까요?' } },
  { id: 'thank-you', category: 'courtesy', audience: 'staff', text: {
    en: 'Thank you very much!', ru: 'Большое спасибо!', es: '¡Muchas gracias!', de: 'Vielen Dank!', fr: 'Merci beaucoup !',
    it: 'Grazie mille!', zh: '非常感谢！', ar: 'شكراً جزيلاً!', tr: 'Çok teşekkür ederiz!', ja: 'ありがとうございます。', ko: '감사합니다!' } },
  { id: 'one-moment', category: 'courtesy', audience: 'staff', text: {
    en: 'One moment, please.', ru: 'Одну минуту, пожалуйста.', es: 'Un momento, por favor.', de: 'Einen Moment, bitte.',
    fr: "Un instant, s'il vous plaît.", it: 'Un momento, per favore.', zh: '请稍等。', ar: 'لحظة من فضلك.', tr: 'Bir dakika lütfen.',
    ja: '少々お待ちください。', ko: '잠시만 기다려 주세요.' } },
  { id: 'sorry-for-the-wait', category: 'courtesy', audience: 'staff', text: {
    en: 'Sorry to keep you waiting.', ru: 'Извините за ожидание.', es: 'Disculpe la espera.', de: 'Entschuldigen Sie bitte die Wartezeit.',
    fr: "Désolé pour l'attente.", it: "Mi scusi per l'attesa.", zh: '抱歉让您久等了。', ar: 'نعتذر عن التأخير.',
    tr: 'Beklettiğimiz için özür dileriz.', ja: 'お待たせして申し訳ございません。', ko: '기다리게 해서 죄송합니다.' } },
  { id: 'sorry-our-mistake', category: 'courtesy', audience: 'staff', text: {
    en: "I'm very sorry, we made a mistake. We'll fix it right away.", ru: 'Приносим извинения, мы ошиблись. Сейчас всё исправим.',
    es: 'Lo sentimos mucho, ha sido un error nuestro. Lo solucionamos enseguida.',
    de: 'Das tut mir sehr leid, da ist uns ein Fehler passiert. Wir kümmern uns sofort darum.',
    fr: 'Toutes nos excuses, nous avons fait une erreur. Nous corrigeons cela tout de suite.',
    it: 'Ci scusi, abbiamo commesso un errore. Rimediamo subito.', zh: '非常抱歉，是我们的失误，我们马上处理。',
    ar: 'نعتذر بشدة، لقد أخطأنا. سنصحح ذلك فوراً.', tr: 'Çok özür dileriz, bir hata yaptık. Hemen düzeltiyoruz.',
    ja: '大変申し訳ございません。こちらの手違いです。すぐに対応いたします。', ko: '정말 죄송합니다. 저희 실수입니다. 바로 바로잡겠습니다.' } },
  { id: 'enjoy-your-meal', category: 'courtesy', audience: 'staff', text: {
    en: 'Enjoy your meal!', ru: 'Приятного аппетита!', es: '¡Buen provecho!', de: 'Guten Appetit!', fr: 'Bon appétit !',
    it: 'Buon appetito!', zh: '请慢用！', ar: 'بالهناء والشفاء!', tr: 'Afiyet olsun!', ja: 'どうぞごゆっくりお召し上がりください。', ko: '맛있게 드세요!' } },
  { id: 'goodbye', category: 'courtesy', audience: 'staff', text: {
    en: 'Thank you for coming. Have a nice day!', ru: 'Спасибо, что пришли к нам. Хорошего дня!',
    es: 'Gracias por su visita. ¡Que tenga un buen día!', de: 'Danke für Ihren Besuch. Einen schönen Tag noch!',
    fr: 'Merci de votre visite. Bonne journée !', it: 'Grazie della visita. Buona giornata!', zh: '感谢光临，祝您愉快！',
    ar: 'شكراً لزيارتكم. نتمنى لكم يوماً سعيداً!', tr: 'Geldiğiniz için teşekkürler. İyi günler!',
    ja: 'ありがとうございました。良い一日をお過ごしください。', ko: '방문해 주셔서 감사합니다. 좋은 하루 보내세요!' } },

  // ordering
  { id: 'how-many-people', category: 'ordering', audience: 'staff', text: {
    en: 'How many people, please?', ru: 'Сколько вас человек?', es: '¿Para cuántas personas?', de: 'Für wie viele Personen?',
    fr: 'Pour combien de personnes ?', it: 'Per quante persone?', zh: '请问几位？', ar: 'كم عدد الأشخاص من فضلك؟',
    tr: 'Kaç kişisiniz?', ja: '何名様でしょうか？', ko: '몇 분이세요?' } },
  { id: 'table-ready', category: 'ordering', audience: 'staff', text: {
    en: 'Your table is ready. Please follow me.', ru: 'Ваш столик готов. Пройдёмте, пожалуйста.',
    es: 'Su mesa está lista. Acompáñeme, por favor.', de: 'Ihr Tisch ist bereit. Bitte folgen Sie mir.',
    fr: "Votre table est prête. Suivez-moi, s'il vous plaît.", it: 'Il vostro tavolo è pronto. Prego, seguitemi.',
    zh: '您的餐桌已准备好，请跟我来。', ar: 'طاولتك جاهزة. تفضل معي من فضلك.', tr: 'Masanız hazır. Lütfen beni takip edin.',
    ja: 'お席のご用意ができました。どうぞこちらへ。', ko: '자리가 준비되었습니다. 이쪽으로 오세요.' } },
  { id: 'ready-to-order', category: 'ordering', audience: 'staff', text: {
    en: 'Are you ready to order?', ru: 'Вы готовы сделать заказ?', es: '¿Ya saben qué van a pedir?', de: 'Möchten Sie schon bestellen?',
    fr: 'Avez-vous choisi ?', it: 'Siete pronti per ordinare?', zh: '请问可以点餐了吗？', ar: 'هل أنتم مستعدون للطلب؟',
    tr: 'Sipariş vermeye hazır mısınız?', ja: 'ご注文はお決まりですか？', ko: '주문하시겠어요?' } },
  { id: 'something-to-drink', category: 'ordering', audience: 'staff', text: {
    en: 'What would you like to drink?', ru: 'Что будете пить?', es: '¿Qué le gustaría beber?', de: 'Was möchten Sie trinken?',
    fr: 'Que souhaitez-vous boire ?', it: 'Cosa desidera da bere?', zh: '请问您想喝点什么？', ar: 'ماذا تود أن تشرب؟',
    tr: 'Ne içmek istersiniz?', ja: 'お飲み物は何になさいますか？', ko: '음료는 무엇으로 하시겠어요?' } },
  { id: 'anything-else', category: 'ordering', audience: 'staff', text: {
    en: 'Would you like anything else?', ru: 'Желаете что-нибудь ещё?', es: '¿Desea algo más?', de: 'Darf es sonst noch etwas sein?',
    fr: 'Désirez-vous autre chose ?', it: 'Desidera altro?', zh: '还需要别的吗？', ar: 'هل تريد شيئاً آخر؟',
    tr: 'Başka bir şey ister misiniz?', ja: '他にご注文はございますか？', ko: '더 필요하신 것 있으세요?' } },
  { id: 'dish-unavailable', category: 'ordering', audience: 'staff', text: {
    en: 'Sorry, this dish is not available today.', ru: 'К сожалению, этого блюда сегодня нет.',
    es: 'Lo siento, este plato no está disponible hoy.', de: 'Dieses Gericht ist heute leider nicht verfügbar.',
    fr: "Désolé, ce plat n'est pas disponible aujourd'hui.", it: 'Mi dispiace, questo piatto oggi non è disponibile.',
    zh: '抱歉，这道菜今天没有了。', ar: 'عذراً، هذا الطبق غير متوفر اليوم.', tr: 'Üzgünüz, bu yemek bugün mevcut değil.',
    ja: '申し訳ございません、こちらの料理は本日ご用意できません。', ko: '죄송합니다, 이 메뉴는 오늘 주문하실 수 없습니다.' } },
  { id: 'order-on-its-way', category: 'ordering', audience: 'staff', text: {
    en: 'Your order is on its way.', ru: 'Ваш заказ скоро принесут.', es: 'Su pedido está en camino.', de: 'Ihre Bestellung kommt gleich.',
    fr: 'Votre commande arrive.', it: 'Il suo ordine sta arrivando.', zh: '您的餐点马上就到。', ar: 'طلبك في الطريق.',
    tr: 'Siparişiniz geliyor.', ja: 'ご注文の品はまもなくお持ちします。', ko: '주문하신 음식이 곧 나옵니다.' } },
  { id: 'kitchen-closes-at', category: 'ordering', audience: 'staff', text: {
    en: 'The kitchen closes at {time}.', ru: 'Кухня работает до {time}.', es: 'La cocina cierra a las {time}.',
    de: 'Die Küche schließt um {time}.', fr: 'La cuisine ferme à {time}.', it: 'La cucina chiude alle {time}.',
    zh: '厨房{time}停止点餐。', ar: 'يغلق المطبخ الساعة {time}.', tr: 'Mutfağın kapanış saati {time}.',
    ja: 'ラストオーダーは{time}です。', ko: '주방은 {time}에 마감합니다.' } },

  // allergies
  { id: 'any-allergies', category: 'allergies', audience: 'staff', text: {
    en: 'Do you have any food allergies?', ru: 'У вас есть пищевая аллергия?', es: '¿Tiene alguna alergia alimentaria?',
    de: 'Haben Sie Lebensmittelallergien?', fr: 'Avez-vous des allergies alimentaires ?', it: 'Ha allergie alimentari?',
    zh: '请问您有食物过敏吗？', ar: 'هل لديك حساسية من أي طعام؟', tr: 'Herhangi bir gıda alerjiniz var mı?',
    ja: '食物アレルギーはございますか？', ko: '음식 알레르기가 있으신가요?' } },
  { id: 'contains-nuts', category: 'allergies', audience: 'staff', text: {
    en: 'This dish contains nuts.', ru: 'В этом блюде есть орехи.', es: 'Este plato contiene frutos secos.',
    de: 'Dieses Gericht enthält Nüsse.', fr: 'Ce plat contient des fruits à coque.', it: 'Questo piatto contiene frutta a guscio.',
    zh: '这道菜含有坚果。', ar: 'هذا الطبق يحتوي على مكسرات.', tr: 'Bu yemekte kuruyemiş var.',
    ja: 'この料理にはナッツが含まれています。', ko: '이 요리에는 견과류가 들어 있습니다.' } },
  { id: 'contains-gluten', category: 'allergies', audience: 'staff', text: {
    en: 'This dish contains gluten.', ru: 'В этом блюде есть глютен.', es: 'Este plato contiene gluten.',
    de: 'Dieses Gericht enthält Gluten.', fr: 'Ce plat contient du gluten.', it: 'Questo piatto contiene glutine.',
    zh: '这道菜含有麸质。', ar: 'هذا الطبق يحتوي على الغلوتين.', tr: 'Bu yemekte gluten var.',
    ja: 'この料理には小麦（グルテン）が含まれています。', ko: '이 요리에는 글루텐이 들어 있습니다.' } },
  { id: 'contains-dairy', category: 'allergies', audience: 'staff', text: {
    en: 'This dish contains dairy.', ru: 'В этом блюде есть молочные продукты.', es: 'Este plato contiene lácteos.',
    de: 'Dieses Gericht enthält Milchprodukte.', fr: 'Ce plat contient des produits laitiers.', it: 'Questo piatto contiene latticini.',
    zh: '这道菜含有乳制品。', ar: 'هذا الطبق يحتوي على مشتقات الحليب.', tr: 'Bu yemekte süt ürünü var.',
    ja: 'この料理には乳製品が含まれています。', ko: '이 요리에는 유제품이 들어 있습니다.' } },
  { id: 'check-ingredients', category: 'allergies', audience: 'staff', text: {
    en: 'I will check the ingredients with the kitchen.', ru: 'Я уточню состав блюда на кухне.',
    es: 'Voy a consultar los ingredientes con la cocina.', de: 'Ich frage in der Küche nach den Zutaten.',
    fr: 'Je vais vérifier les ingrédients auprès de la cuisine.', it: 'Controllo gli ingredienti con la cucina.',
    zh: '我去和厨房确认一下配料。', ar: 'سأتحقق من المكونات مع المطبخ.', tr: 'Malzemeleri mutfakla kontrol edeceğim.',
    ja: '厨房に原材料を確認してまいります。', ko: '주방에 재료를 확인해 보겠습니다.' } },
  { id: 'can-prepare-without', category: 'allergies', audience: 'staff', text: {
    en: 'We can prepare it without this ingredient.', ru: 'Мы можем приготовить без этого ингредиента.',
    es: 'Podemos prepararlo sin este ingrediente.', de: 'Wir können es ohne diese Zutat zubereiten.',
    fr: 'Nous pouvons le préparer sans cet ingrédient.', it: 'Possiamo prepararlo senza questo ingrediente.',
    zh: '我们可以不放这种配料。', ar: 'يمكننا تحضيره بدون هذا المكون.', tr: 'Bunu bu malzeme olmadan hazırlayabiliriz.',
    ja: 'この材料を抜いてお作りできます。', ko: '이 재료를 빼고 만들어 드릴 수 있습니다.' } },
  { id: 'vegetarian-dishes', category: 'allergies', audience: 'staff', text: {
    en: 'These dishes are vegetarian.', ru: 'Эти блюда вегетарианские.', es: 'Estos platos son vegetarianos.',
    de: 'Diese Gerichte sind vegetarisch.', fr: 'Ces plats sont végétariens.', it: 'Questi piatti sono vegetariani.',
    zh: '这些菜是素食。', ar: 'هذه الأطباق نباتية.', tr: 'Bu yemekler vejetaryen.',
    ja: 'こちらの料理はベジタリアン向けです。', ko: '이 요리들은 채식 메뉴입니다.' } },

  // waiting
  { id: 'order-ready-in', category: 'waiting', audience: 'staff', text: {
    en: 'Your order will be ready in about {minutes} minutes.', ru: 'Ваш заказ будет готов примерно через {minutes} мин.',
    es: 'Su pedido estará listo en unos {minutes} minutos.', de: 'Ihre Bestellung ist in etwa {minutes} Minuten fertig.',
    fr: 'Votre commande sera prête dans environ {minutes} minutes.', it: 'Il suo ordine sarà pronto tra circa {minutes} minuti.',
    zh: '您的餐点大约{minutes}分钟后就好。', ar: 'سيكون طلبك جاهزاً خلال {minutes} دقيقة تقريباً.',
    tr: 'Siparişiniz yaklaşık {minutes} dakika içinde hazır olacak.', ja: 'ご注文の品は約{minutes}分でご用意できます。',
    ko: '주문하신 음식은 약 {minutes}분 후에 준비됩니다.' } },
  { id: 'table-wait', category: 'waiting', audience: 'staff', text: {
    en: 'There is a wait of about {minutes} minutes for a table.', ru: 'Столик освободится примерно через {minutes} мин.',
    es: 'Hay una espera de unos {minutes} minutos para una mesa.', de: 'Die Wartezeit auf einen Tisch beträgt etwa {minutes} Minuten.',
    fr: "Il y a environ {minutes} minutes d'attente pour une table.", it: "L'attesa per un tavolo è di circa {minutes} minuti.",
    zh: '等位大约需要{minutes}分钟。', ar: 'مدة الانتظار للحصول على طاولة حوالي {minutes} دقيقة.',
    tr: 'Masa için yaklaşık {minutes} dakika bekleme süresi var.', ja: 'お席のご案内まで約{minutes}分お待ちいただきます。',
    ko: '자리가 나기까지 약 {minutes}분 정도 기다리셔야 합니다.' } },
  { id: 'room-not-ready', category: 'waiting', audience: 'staff', text: {
    en: 'Your room is not ready yet. It will be ready at {time}.', ru: 'Ваш номер ещё не готов. Он будет готов к {time}.',
    es: 'Su habitación todavía no está lista. Estará lista a las {time}.', de: 'Ihr Zimmer ist noch nicht fertig. Es ist ab {time} bereit.',
    fr: "Votre chambre n'est pas encore prête. Elle le sera à {time}.", it: 'La sua camera non è ancora pronta. Sarà pronta alle {time}.',
    zh: '您的房间还没准备好，{time}可以入住。', ar: 'غرفتك ليست جاهزة بعد. ستكون جاهزة في الساعة {time}.',
    tr: 'Odanız henüz hazır değil. Saat {time} itibarıyla hazır olacak.', ja: 'お部屋の準備がまだ整っておりません。{time}にご用意できます。',
    ko: '객실이 아직 준비되지 않았습니다. {time}에 준비됩니다.' } },

  // bill
  { id: 'bring-the-bill', category: 'bill', audience: 'staff', text: {
    en: "I'll bring the bill right away.", ru: 'Сейчас принесу счёт.', es: 'Ahora mismo le traigo la cuenta.',
    de: 'Ich bringe Ihnen sofort die Rechnung.', fr: "Je vous apporte l'addition tout de suite.", it: 'Le porto subito il conto.',
    zh: '我马上把账单拿来。', ar: 'سأحضر لك الفاتورة حالاً.', tr: 'Hesabı hemen getiriyorum.',
    ja: 'すぐにお会計をお持ちします。', ko: '계산서를 바로 가져다 드리겠습니다.' } },
  { id: 'bill-total', category: 'bill', audience: 'staff', text: {
    en: 'The total is {amount}.', ru: 'С вас {amount}.', es: 'Son {amount} en total.', de: 'Das macht zusammen {amount}.',
    fr: 'Cela fait {amount} au total.', it: 'Il totale è {amount}.', zh: '一共是{amount}。', ar: 'المبلغ الإجمالي {amount}.',
    tr: 'Toplam tutar {amount}.', ja: '合計で{amount}です。', ko: '총 {amount}입니다.' } },
  { id: 'card-or-cash', category: 'bill', audience: 'staff', text: {
    en: 'Will you pay by card or in cash?', ru: 'Вы будете платить картой или наличными?', es: '¿Pagará con tarjeta o en efectivo?',
    de: 'Zahlen Sie mit Karte oder bar?', fr: 'Vous payez par carte ou en espèces ?', it: 'Paga con carta o in contanti?',
    zh: '请问您刷卡还是付现金？', ar: 'هل تدفع بالبطاقة أم نقداً؟', tr: 'Kartla mı, nakit mi ödeyeceksiniz?',
    ja: 'お支払いはカードですか、現金ですか？', ko: '카드로 하시겠어요, 현금으로 하시겠어요?' } },
  { id: 'together-or-separately', category: 'bill', audience: 'staff', text: {
    en: 'Would you like to pay together or separately?', ru: 'Вы будете платить вместе или раздельно?',
    es: '¿Van a pagar juntos o por separado?', de: 'Zahlen Sie zusammen oder getrennt?', fr: 'Vous payez ensemble ou séparément ?',
    it: 'Pagate insieme o separatamente?', zh: '请问是一起付还是分开付？', ar: 'هل تريدون الدفع معاً أم كلٌّ على حدة؟',
    tr: 'Birlikte mi, ayrı ayrı mı ödeyeceksiniz?', ja: 'お会計はご一緒ですか、別々ですか？', ko: '같이 계산하시겠어요, 따로 계산하시겠어요?' } },
  { id: 'cash-only', category: 'bill', audience: 'staff', text: {
    en: 'Sorry, card payment is not working right now. Cash only.', ru: 'Извините, оплата картой сейчас не работает. Только наличные.',
    es: 'Lo siento, ahora mismo no podemos cobrar con tarjeta. Solo efectivo.',
    de: 'Kartenzahlung ist im Moment leider nicht möglich. Nur Barzahlung.',
    fr: 'Désolé, le paiement par carte ne fonctionne pas pour le moment. Espèces uniquement.',
    it: 'Mi dispiace, al momento il pagamento con carta non funziona. Solo contanti.', zh: '抱歉，现在暂时不能刷卡，只收现金。',
    ar: 'عذراً، الدفع بالبطاقة لا يعمل حالياً. نقبل النقد فقط.', tr: 'Üzgünüz, şu anda kartla ödeme yapılamıyor. Sadece nakit.',
    ja: '申し訳ございません、ただいまカードがご利用いただけません。現金のみとなります。', ko: '죄송합니다, 지금은 카드 결제가 안 됩니다. 현금만 가능합니다.' } },
  { id: 'service-included', category: 'bill', audience: 'staff', text: {
    en: 'Service is included.', ru: 'Обслуживание включено в счёт.', es: 'El servicio está incluido.', de: 'Die Bedienung ist inbegriffen.',
    fr: 'Le service est compris.', it: 'Il servizio è incluso.', zh: '账单已包含服务费。', ar: 'رسوم الخدمة مشمولة.',
    tr: 'Servis ücreti dahildir.', ja: 'サービス料は含まれております。', ko: '봉사료가 포함되어 있습니다.' } },
  { id: 'receipt', category: 'bill', audience: 'staff', text: {
    en: 'Would you like a receipt?', ru: 'Вам нужен чек?', es: '¿Desea el recibo?', de: 'Möchten Sie eine Quittung?',
    fr: 'Souhaitez-vous un reçu ?', it: 'Desidera la ricevuta?', zh: '您需要收据吗？', ar: 'هل تريد إيصالاً؟',
    tr: 'Fiş ister misiniz?', ja: '領収書はご入用ですか？', ko: '영수증 필요하세요?' } },

  // reception
  { id: 'reservation-name', category: 'reception', audience: 'staff', text: {
    en: 'What name is the reservation under?', ru: 'На чьё имя бронь?', es: '¿A nombre de quién está la reserva?',
    de: 'Auf welchen Namen ist die Reservierung?', fr: 'À quel nom est la réservation ?', it: 'A che nome è la prenotazione?',
    zh: '请问预订人的姓名是？', ar: 'باسم من الحجز؟', tr: 'Rezervasyon kimin adına?',
    ja: 'ご予約のお名前をお伺いできますか？', ko: '예약자 성함이 어떻게 되세요?' } },
  { id: 'passport-please', category: 'reception', audience: 'staff', text: {
    en: 'May I see your passport, please?', ru: 'Можно ваш паспорт, пожалуйста?', es: '¿Me permite su pasaporte, por favor?',
    de: 'Darf ich bitte Ihren Reisepass sehen?', fr: "Puis-je voir votre passeport, s'il vous plaît ?",
    it: 'Posso vedere il suo passaporto, per favore?', zh: '请出示您的护照。', ar: 'هل يمكنني رؤية جواز سفرك من فضلك؟',
    tr: 'Pasaportunuzu görebilir miyim, lütfen?', ja: 'パスポートを拝見してもよろしいですか？', ko: '여권을 보여 주시겠어요?' } },
  { id: 'room-and-floor', category: 'reception', audience: 'staff', text: {
    en: 'Your room is {room}, on floor {floor}.', ru: 'Ваш номер {room}, этаж {floor}.', es: 'Su habitación es la {room}, en la planta {floor}.',
    de: 'Sie haben Zimmer {room}, Etage {floor}.', fr: "Votre chambre est la {room}, à l'étage {floor}.",
    it: 'La sua camera è la {room}, al piano {floor}.', zh: '您的房间是{room}号，在{floor}楼。', ar: 'غرفتك رقم {room} في الطابق {floor}.',
    tr: 'Odanız {room} numara, {floor}. katta.', ja: 'お部屋は{floor}階の{room}号室です。', ko: '객실은 {floor}층 {room}호입니다.' } },
  { id: 'key-card', category: 'reception', audience: 'staff', text: {
    en: 'Here is your key card. Enjoy your stay!', ru: 'Вот ваш ключ. Приятного отдыха!',
    es: 'Aquí tiene su tarjeta de habitación. ¡Que disfrute de su estancia!', de: 'Hier ist Ihre Schlüsselkarte. Einen angenehmen Aufenthalt!',
    fr: 'Voici votre carte-clé. Bon séjour !', it: 'Ecco la sua chiave magnetica. Buon soggiorno!', zh: '这是您的房卡，祝您入住愉快！',
    ar: 'تفضل بطاقة غرفتك. نتمنى لك إقامة سعيدة!', tr: 'Buyurun, oda kartınız. İyi konaklamalar!',
    ja: 'こちらがカードキーです。ごゆっくりお過ごしください。', ko: '객실 카드키입니다. 즐거운 시간 보내세요!' } },
  { id: 'checkout-time', category: 'reception', audience: 'staff', text: {
    en: 'Check-out is until {time}.', ru: 'Освободить номер нужно до {time}.', es: 'La salida es hasta las {time}.',
    de: 'Check-out ist bis {time}.', fr: 'Le départ se fait avant {time}.', it: 'Il check-out è entro le {time}.',
    zh: '退房时间为{time}之前。', ar: 'موعد المغادرة حتى الساعة {time}.', tr: 'Çıkış saati en geç {time}.',
    ja: 'チェックアウトは{time}までです。', ko: '체크아웃은 {time}까지입니다.' } },
  { id: 'breakfast-hours', category: 'reception', audience: 'staff', text: {
    en: 'Breakfast is served from {start} to {end}.', ru: 'Завтрак подают с {start} до {end}.',
    es: 'El desayuno se sirve de {start} a {end}.', de: 'Frühstück gibt es von {start} bis {end}.',
    fr: 'Le petit-déjeuner est servi de {start} à {end}.', it: 'La colazione è servita dalle {start} alle {end}.',
    zh: '早餐供应时间为{start}至{end}。', ar: 'يُقدَّم الفطور من الساعة {start} حتى {end}.',
    tr: 'Kahvaltı {start} ile {end} arasında servis edilir.', ja: '朝食は{start}から{end}までです。', ko: '조식은 {start}부터 {end}까지입니다.' } },
  { id: 'leave-luggage', category: 'reception', audience: 'staff', text: {
    en: 'You can leave your luggage with us.', ru: 'Вы можете оставить багаж у нас.', es: 'Puede dejar su equipaje con nosotros.',
    de: 'Sie können Ihr Gepäck gerne bei uns lassen.', fr: 'Vous pouvez laisser vos bagages chez nous.', it: 'Può lasciare i bagagli da noi.',
    zh: '您可以把行李寄存在我们这里。', ar: 'يمكنك ترك أمتعتك لدينا.', tr: 'Bavullarınızı bize bırakabilirsiniz.',
    ja: 'お荷物をお預かりできます。', ko: '짐은 저희가 보관해 드릴 수 있습니다.' } },

  // amenities
  { id: 'wifi-password', category: 'amenities', audience: 'staff', text: {
    en: 'The Wi-Fi network is {network} and the password is {password}.', ru: 'Сеть Wi-Fi: {network}, пароль: {password}.',
    es: 'La red wifi es {network} y la contraseña es {password}.', de: 'Das WLAN heißt {network}, das Passwort lautet {password}.',
    fr: 'Le réseau Wi-Fi est {network} et le mot de passe est {password}.', it: 'La rete Wi-Fi è {network} e la password è {password}.',
    zh: 'Wi-Fi名称是{network}，密码是{password}。', ar: 'اسم شبكة الواي فاي {network} وكلمة المرور {password}.',
    tr: 'Wi-Fi ağı {network}, şifresi {password}.', ja: 'Wi-Fiのネットワーク名は{network}、パスワードは{password}です。',
    ko: '와이파이 이름은 {network}, 비밀번호는 {password}입니다.' } },
  { id: 'wifi-down', category: 'amenities', audience: 'staff', text: {
    en: 'Sorry, the Wi-Fi is not working at the moment.', ru: 'Извините, Wi-Fi сейчас не работает.',
    es: 'Lo siento, el wifi no funciona en este momento.', de: 'Das WLAN funktioniert im Moment leider nicht.',
    fr: 'Désolé, le Wi-Fi ne fonctionne pas pour le moment.', it: 'Mi dispiace, al momento il Wi-Fi non funziona.',
    zh: '抱歉，Wi-Fi暂时无法使用。', ar: 'عذراً، الواي فاي لا يعمل حالياً.', tr: 'Üzgünüz, Wi-Fi şu anda çalışmıyor.',
    ja: '申し訳ございません、ただいまWi-Fiがご利用いただけません。', ko: '죄송합니다, 지금 와이파이가 작동하지 않습니다.' } },

  // directions
  { id: 'toilets', category: 'directions', audience: 'staff', text: {
    en: 'The toilets are over there, on the right.', ru: 'Туалет вон там, справа.', es: 'Los servicios están allí, a la derecha.',
    de: 'Die Toiletten sind dort drüben auf der rechten Seite.', fr: 'Les toilettes sont là-bas, sur la droite.',
    it: 'I bagni sono laggiù, a destra.', zh: '洗手间在那边，右手边。', ar: 'دورات المياه هناك، على اليمين.',
    tr: 'Tuvaletler şurada, sağda.', ja: 'お手洗いはあちらの右側です。', ko: '화장실은 저쪽 오른편에 있습니다.' } },
  { id: 'elevator', category: 'directions', audience: 'staff', text: {
    en: 'The elevator is at the end of the corridor.', ru: 'Лифт в конце коридора.', es: 'El ascensor está al final del pasillo.',
    de: 'Der Aufzug ist am Ende des Flurs.', fr: "L'ascenseur est au bout du couloir.", it: "L'ascensore è in fondo al corridoio.",
    zh: '电梯在走廊尽头。', ar: 'المصعد في نهاية الممر.', tr: 'Asansör koridorun sonunda.',
    ja: 'エレベーターは廊下の突き当たりです。', ko: '엘리베이터는 복도 끝에 있습니다.' } },
  { id: 'exit-straight-ahead', category: 'directions', audience: 'staff', text: {
    en: 'The exit is straight ahead.', ru: 'Выход прямо.', es: 'La salida está todo recto.', de: 'Der Ausgang ist geradeaus.',
    fr: 'La sortie est tout droit.', it: "L'uscita è sempre dritto.", zh: '出口就在正前方。', ar: 'المخرج أمامك مباشرة.',
    tr: 'Çıkış dümdüz ileride.', ja: '出口はこのまままっすぐです。', ko: '출구는 앞으로 쭉 가시면 됩니다.' } },
  { id: 'show-the-way', category: 'directions', audience: 'staff', text: {
    en: 'Let me show you the way.', ru: 'Давайте я вас провожу.', es: 'Le acompaño.', de: 'Ich zeige Ihnen den Weg.',
    fr: 'Je vous montre le chemin.', it: 'Le mostro la strada.', zh: '我带您过去。', ar: 'دعني أرشدك إلى الطريق.',
    tr: 'Size yolu göstereyim.', ja: 'ご案内いたします。', ko: '제가 안내해 드리겠습니다.' } },

  // transport
  { id: 'call-a-taxi', category: 'transport', audience: 'staff', text: {
    en: 'Shall I call you a taxi?', ru: 'Вызвать вам такси?', es: '¿Le llamo un taxi?', de: 'Soll ich Ihnen ein Taxi rufen?',
    fr: 'Voulez-vous que je vous appelle un taxi ?', it: 'Vuole che le chiami un taxi?', zh: '需要我帮您叫出租车吗？',
    ar: 'هل تريد أن أطلب لك سيارة أجرة؟', tr: 'Size taksi çağırayım mı?', ja: 'タクシーをお呼びしましょうか？', ko: '택시를 불러 드릴까요?' } },
  { id: 'taxi-arrives-in', category: 'transport', audience: 'staff', text: {
    en: 'Your taxi will arrive in {minutes} minutes.', ru: 'Такси приедет через {minutes} мин.', es: 'Su taxi llegará en {minutes} minutos.',
    de: 'Ihr Taxi ist in {minutes} Minuten da.', fr: 'Votre taxi arrive dans {minutes} minutes.', it: 'Il suo taxi arriverà tra {minutes} minuti.',
    zh: '您的出租车{minutes}分钟后到。', ar: 'ستصل سيارة الأجرة خلال {minutes} دقيقة.', tr: 'Taksiniz {minutes} dakika içinde gelecek.',
    ja: 'タクシーは{minutes}分ほどで到着します。', ko: '택시가 {minutes}분 후에 도착합니다.' } },

  // help
  { id: 'get-a-colleague', category: 'help', audience: 'staff', text: {
    en: "I'll get a colleague who can help you.", ru: 'Сейчас позову коллегу, который сможет вам помочь.',
    es: 'Voy a buscar a un compañero que pueda ayudarle.', de: 'Ich hole einen Kollegen, der Ihnen helfen kann.',
    fr: 'Je vais chercher un collègue qui pourra vous aider.', it: 'Chiamo un collega che può aiutarla.', zh: '我去叫一位同事来帮您。',
    ar: 'سأنادي زميلاً يمكنه مساعدتك.', tr: 'Size yardımcı olabilecek bir arkadaşımı çağırıyorum.',
    ja: '対応できる者を呼んでまいります。', ko: '도와드릴 수 있는 직원을 불러오겠습니다.' } },
  { id: 'repeat-slowly', category: 'help', audience: 'staff', text: {
    en: 'Could you repeat that more slowly, please?', ru: 'Не могли бы вы повторить помедленнее?',
    es: '¿Podría repetirlo más despacio, por favor?', de: 'Könnten Sie das bitte langsamer wiederholen?',
    fr: "Pourriez-vous répéter plus lentement, s'il vous plaît ?", it: 'Potrebbe ripetere più lentamente, per favore?',
    zh: '请您说慢一点，再说一遍好吗？', ar: 'هل يمكنك التكرار ببطء أكثر من فضلك؟', tr: 'Lütfen daha yavaş tekrar eder misiniz?',
    ja: 'もう一度ゆっくりお話しいただけますか？', ko: '천천히 다시 말씀해 주시겠어요?' } },
  { id: 'call-me-if-needed', category: 'help', audience: 'staff', text: {
    en: 'If you need anything, just call me.', ru: 'Если что-нибудь понадобится, позовите меня.', es: 'Si necesita algo, llámeme.',
    de: 'Wenn Sie etwas brauchen, rufen Sie mich einfach.', fr: 'Si vous avez besoin de quoi que ce soit, appelez-moi.',
    it: 'Se ha bisogno di qualcosa, mi chiami pure.', zh: '如果需要什么，请随时叫我。', ar: 'إذا احتجت أي شيء، نادني فقط.',
    tr: 'Bir şeye ihtiyacınız olursa bana seslenin.', ja: '何かございましたら、お気軽にお声がけください。', ko: '필요하신 게 있으면 언제든 불러 주세요.' } },
  { id: 'need-a-doctor', category: 'help', audience: 'staff', text: {
    en: 'Do you need a doctor?', ru: 'Вам нужен врач?', es: '¿Necesita un médico?', de: 'Brauchen Sie einen Arzt?',
    fr: "Avez-vous besoin d'un médecin ?", it: 'Ha bisogno di un medico?', zh: '您需要看医生吗？', ar: 'هل تحتاج إلى طبيب؟',
    tr: 'Doktora ihtiyacınız var mı?', ja: '医師が必要ですか？', ko: '의사가 필요하세요?' } },
];

/** Staff phrases first, then the guest's: ids are unique across both. */
export const PHRASES: readonly Phrase[] = [...STAFF_PHRASES, ...GUEST_PHRASES];
