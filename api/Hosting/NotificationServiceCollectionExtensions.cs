using Microsoft.Extensions.DependencyInjection.Extensions;
using OutlookCrm.Core.Notifications;
using OutlookCrm.Core.Scheduling;

namespace OutlookCrm.Api.Hosting;

public static class NotificationServiceCollectionExtensions
{
    /// <summary>What the Graph notification endpoint needs, whether or not this process runs the sync loop.</summary>
    public static IServiceCollection AddGraphNotifications(this IServiceCollection services)
    {
        services.TryAddSingleton<MailboxLeases>();
        services.TryAddSingleton<GraphNotificationReceiver>();
        return services;
    }
}
