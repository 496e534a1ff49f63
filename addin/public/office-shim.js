/*
 * A local stand-in for Office.js, for preview.html and browser tests only (never loaded by
 * taskpane.html). It offers the part of Office.context.mailbox the pane uses: read-mode items
 * with plain properties, compose-mode items with getAsync/saveAsync, convertToRestId and the
 * ItemChanged event, and a few fake items to open. window.OfficeShim.open(id) switches item
 * the way selecting another item does under a pinned pane; window.OfficeShim.add(data) adds an
 * item of the same shape as those below (start/end as milliseconds or ISO text), e.g. one of the
 * sandbox's demo meetings (GET /sandbox/preview-items) or a test's meeting.
 */
(function () {
  'use strict';
  var owner = { emailAddress: 'alice@contoso.com', displayName: 'Alice Wilson' };
  var hour = 3600 * 1000;
  var base = new Date();
  base.setUTCHours(14, 0, 0, 0);
  base = base.getTime() + 24 * hour;

  var items = [
    {
      id: 'meeting-organizer',
      label: 'Meeting you organise (draft, compose mode)',
      itemType: 'appointment', mode: 'compose', itemId: null,
      savedId: 'AAMkAGPreview/Organizer+Meeting1AAA=',
      subject: 'Fabrikam rollout planning', location: 'Teams',
      start: base, end: base + hour, isAllDay: false,
      organizer: owner,
      requiredAttendees: [
        { emailAddress: 'bob@fabrikam.com', displayName: 'Bob Lee' },
        { emailAddress: 'carol@fabrikam.com', displayName: 'Smith, Carol' },
        { emailAddress: 'ALICE@contoso.com', displayName: 'Alice Wilson' }
      ],
      optionalAttendees: [
        { emailAddress: 'dan.park@northwind.example', displayName: 'dan.park@northwind.example' },
        { emailAddress: 'Bob@Fabrikam.com', displayName: 'Bob Lee (Fabrikam)' }
      ]
    },
    {
      id: 'meeting-attendee',
      label: 'Meeting you were invited to (read mode)',
      itemType: 'appointment', mode: 'read',
      itemId: 'AAMkAGPreview/Attendee+Meeting2AAA=',
      subject: 'Quarterly review with Adatum', location: 'Adatum HQ, room 4',
      start: base + 48 * hour, end: base + 50 * hour,
      organizer: { emailAddress: 'erin@adatum.example', displayName: 'Erin Gomez' },
      requiredAttendees: [owner, { emailAddress: 'frank@adatum.example', displayName: 'Frank Miller' }],
      optionalAttendees: [{ emailAddress: 'bob@fabrikam.com', displayName: 'Bob Lee' }]
    },
    {
      id: 'message',
      label: 'Message you received (read mode)',
      itemType: 'message', mode: 'read',
      itemId: 'AAMkAGPreview/Message+3AAA=',
      subject: 'Re: pricing for 200 seats',
      from: { emailAddress: 'grace@tailspin.example', displayName: 'Grace Hall' },
      to: [owner],
      cc: [{ emailAddress: 'bob@fabrikam.com', displayName: 'Bob Lee' }, { emailAddress: 'sales@contoso.com', displayName: 'Sales' }]
    }
  ];

  function succeeded(value) { return { status: 'succeeded', value: value }; }
  function getter(read) {
    return { getAsync: function (options, callback) { (callback || options)(succeeded(read())); } };
  }
  function copy(list) { return (list || []).map(function (p) { return { emailAddress: p.emailAddress, displayName: p.displayName }; }); }

  function makeItem(data) {
    var item = { itemType: data.itemType };
    if (data.mode === 'read') {
      item.itemId = data.itemId;
      item.subject = data.subject;
      if (data.itemType === 'appointment') {
        item.start = new Date(data.start);
        item.end = new Date(data.end);
        item.location = data.location;
        item.organizer = copy([data.organizer])[0];
        item.requiredAttendees = copy(data.requiredAttendees);
        item.optionalAttendees = copy(data.optionalAttendees);
      } else {
        item.from = copy([data.from])[0];
        item.to = copy(data.to);
        item.cc = copy(data.cc);
      }
      return item;
    }
    item.subject = getter(function () { return data.subject; });
    item.start = getter(function () { return new Date(data.start); });
    item.end = getter(function () { return new Date(data.end); });
    item.location = getter(function () { return data.location; });
    item.isAllDayEvent = getter(function () { return !!data.isAllDay; });
    item.organizer = getter(function () { return copy([data.organizer])[0]; });
    item.requiredAttendees = getter(function () { return copy(data.requiredAttendees); });
    item.optionalAttendees = getter(function () { return copy(data.optionalAttendees); });
    item.getItemIdAsync = function (options, callback) {
      var cb = callback || options;
      cb(data.itemId ? succeeded(data.itemId)
        : { status: 'failed', error: { code: 9058, name: 'ItemNotSaved', message: 'The item is not saved yet.' } });
    };
    item.saveAsync = function (options, callback) {
      data.itemId = data.savedId;
      (callback || options)(succeeded(data.itemId));
    };
    return item;
  }

  var handlers = [];
  var currentId = items[0].id;
  var mailbox = {
    userProfile: { emailAddress: owner.emailAddress, displayName: owner.displayName },
    item: makeItem(items[0]),
    convertToRestId: function (id) { return String(id).replace(/\//g, '-').replace(/\+/g, '_'); },
    addHandlerAsync: function (type, handler, options, callback) {
      if (type === 'olkItemSelectedChanged') handlers.push(handler);
      var cb = typeof options === 'function' ? options : callback;
      if (cb) cb(succeeded(undefined));
    }
  };

  window.Office = {
    AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
    EventType: { ItemChanged: 'olkItemSelectedChanged' },
    MailboxEnums: { ItemType: { Message: 'message', Appointment: 'appointment' }, RestVersion: { v1_0: 'v1.0', v2_0: 'v2.0' } },
    context: { mailbox: mailbox },
    onReady: function (callback) {
      var info = { host: 'Outlook', platform: 'OfficeOnline' };
      if (callback) setTimeout(function () { callback(info); }, 0);
      return Promise.resolve(info);
    }
  };

  function listed(data) { return { id: data.id, label: data.label || data.subject || data.id }; }

  window.OfficeShim = {
    items: items.map(listed),
    current: function () { return currentId; },
    add: function (data) {
      if (!data || typeof data.id !== 'string' || (data.itemType !== 'appointment' && data.itemType !== 'message')) {
        throw new Error('A fake item needs an id and an itemType of appointment or message');
      }
      if (items.some(function (i) { return i.id === data.id; })) throw new Error('There is a fake item ' + data.id + ' already');
      items.push(data);
      window.OfficeShim.items.push(listed(data));
    },
    open: function (id) {
      var data = items.filter(function (i) { return i.id === id; })[0];
      if (!data) throw new Error('No fake item ' + id);
      currentId = id;
      mailbox.item = makeItem(data);
      handlers.forEach(function (h) { h({ type: 'olkItemSelectedChanged' }); });
    }
  };
})();
